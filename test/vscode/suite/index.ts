import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { startSuiteEmulator, stopSuiteEmulator } from './environment';
import { SUITE_START_MARKER } from './runnerProtocol';

/**
 * Entry point the extension host calls, under code-server (test/vscode/runIntegration.ts)
 * and under desktop VS Code (test/vscode/runElectron.ts) alike. Rejects when a test fails.
 */
export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 20_000, slow: 2_000 });
  // e.g. NORTHFLANK_VSCODE_GREP="Builds view" npm run test:vscode, to run a part while working on it.
  if (process.env.NORTHFLANK_VSCODE_GREP) mocha.grep(process.env.NORTHFLANK_VSCODE_GREP);
  const files = readdirSync(__dirname, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.js'))
    .sort();
  files.forEach((file) => mocha.addFile(join(__dirname, file)));

  console.log(`${SUITE_START_MARKER} (${files.length} files)`);
  await startSuiteEmulator();
  try {
    const stats = await new Promise<Mocha.Stats>((resolveRun) => {
      const runner = mocha.run(() => resolveRun(runner.stats ?? { passes: 0, failures: 1, pending: 0 } as Mocha.Stats));
    });
    console.log(`vscode: ${stats.passes} passed, ${stats.failures} failed, ${stats.pending} skipped`);
    if (stats.failures > 0 || stats.passes === 0) {
      throw new Error(stats.passes === 0 ? 'no integration test ran' : `${stats.failures} integration test(s) failed`);
    }
  } finally {
    await stopSuiteEmulator();
  }
}
