import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchBrowser } from '../vscode/browser';
import { startCodeServer } from '../vscode/codeServer';
import { REPO_ROOT } from '../vscode/paths';
import { ensureDiscoveryWorkspace } from './discoveryWorkspace';
import { DISCOVERY_OUTPUT_VARIABLE, DISCOVERY_RUNS_VARIABLE, type DiscoveryTimings } from './discoveryProtocol';
import { type Samples, samples } from './samples';

export interface DiscoveryResult {
  /** Searches after the first one. */
  search: Samples;
  first: number;
  found: number;
  skipped: number;
  generatedMs?: number;
}

const HOST_MODULE = resolve(__dirname, 'discoveryInHost.js');
const TIMEOUT_MS = 180_000;

/**
 * Opens the 100,000-file workspace in code-server with test/bench/discoveryInHost.ts as the
 * extension tests module, which times findDockerfiles in the extension host and writes the
 * timings to a file. Fails when discovery found anything but the expected Dockerfiles.
 */
export async function measureDiscovery(runs: number): Promise<DiscoveryResult> {
  const workspace = ensureDiscoveryWorkspace();
  const scratch = mkdtempSync(join(tmpdir(), 'nf-bench-discovery-'));
  const output = join(scratch, 'timings.json');
  const codeServer = await startCodeServer({ env: { [DISCOVERY_OUTPUT_VARIABLE]: output, [DISCOVERY_RUNS_VARIABLE]: String(runs) } });
  try {
    const browser = await launchBrowser();
    try {
      const consoleTail: string[] = [];
      browser.page.on('console', (message) => {
        consoleTail.push(message.text());
        if (consoleTail.length > 30) consoleTail.shift();
      });
      const finished = new Promise<number>((resolveExit) => {
        // The workbench calls this when the tests module's run() has settled: 0 resolved, 1 rejected.
        void browser.page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));
      });
      // The repository is the extension under development only so that the tests module's
      // `vscode` import resolves to it; nothing activates it in a folder without .git.
      await browser.page.goto(codeServer.workbenchUrl({ folder: workspace.dir, extensionDevelopmentPath: REPO_ROOT, extensionTestsPath: HOST_MODULE }));
      const timeout = new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`the discovery bench did not finish within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS).unref());
      const code = await Promise.race([finished, timeout]);
      if (code !== 0) throw new Error(`the discovery bench failed inside the extension host (exit ${code}); last workbench output:\n${consoleTail.join('\n')}`);
    } finally {
      await browser.close();
    }
    const timings = JSON.parse(readFileSync(output, 'utf8')) as DiscoveryTimings;
    const missing = workspace.expected.filter((path) => !timings.found.includes(path));
    const extra = timings.found.filter((path) => !workspace.expected.includes(path));
    if (missing.length > 0 || extra.length > 0) {
      throw new Error(`discovery found the wrong Dockerfiles: missing ${JSON.stringify(missing)}, unexpected ${JSON.stringify(extra)}`);
    }
    return { search: samples(timings.samples), first: timings.first, found: timings.found.length, skipped: workspace.hidden, generatedMs: workspace.generatedMs };
  } finally {
    await codeServer.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}
