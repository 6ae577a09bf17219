import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { findDockerfiles } from '../../src/vscode/startBuild/pickDockerfile';
import { DISCOVERY_OUTPUT_VARIABLE, DISCOVERY_RUNS_VARIABLE, type DiscoveryTimings } from './discoveryProtocol';

const SETTLE_MS = 5_000;

/**
 * Runs inside code-server's extension host as its extensionTestsPath: calls the extension's own
 * findDockerfiles (workspace.findFiles with the excludes it builds from the settings) on the
 * open 100,000-file workspace, timed from the call to its answer.
 */
export async function run(): Promise<void> {
  const output = process.env[DISCOVERY_OUTPUT_VARIABLE];
  const runs = Number(process.env[DISCOVERY_RUNS_VARIABLE] ?? 7);
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (output === undefined || folder === undefined) throw new Error('discovery bench: no output file or no workspace folder');
  const time = async () => {
    const started = performance.now();
    const uris = await findDockerfiles(folder);
    return { ms: performance.now() - started, uris };
  };
  // Opening 100,000 files starts the file watcher's crawl and the Explorer; a person starts a build
  // once the window has settled, so the bench waits for that too.
  await new Promise((resolveWait) => setTimeout(resolveWait, SETTLE_MS));
  const first = await time();
  const timings: DiscoveryTimings = { first: first.ms, samples: [], found: [] };
  for (let run = 0; run < runs; run++) {
    const { ms, uris } = await time();
    timings.samples.push(ms);
    timings.found = uris.map((uri) => vscode.workspace.asRelativePath(uri, false)).sort();
  }
  writeFileSync(output, JSON.stringify(timings));
}
