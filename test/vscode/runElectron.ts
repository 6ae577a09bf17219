import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { createWorkspaceFixture, SHOP_REPOSITORY_URL } from '../fixtures/workspace';
import { freePort } from './freePort';
import { CACHE_DIR, REPO_ROOT, SUITE_INDEX } from './paths';
import { EMULATOR_PORT_VARIABLE } from './suite/runnerProtocol';

// Runs the same suite as runIntegration.ts in desktop VS Code. @vscode/test-electron downloads
// VS Code from Microsoft, so this works only on machines that can reach it; on Linux without a
// display, run it under xvfb-run.

const VSCODE_VERSION = process.env.NORTHFLANK_VSCODE_VERSION ?? '1.100.3';

async function main(): Promise<number> {
  const emulatorPort = await freePort();
  const fixture = createWorkspaceFixture({ originUrl: SHOP_REPOSITORY_URL });
  const stateDir = mkdtempSync(join(tmpdir(), 'nf-vscode-electron-'));
  // An application-scoped setting: VS Code reads it from user settings only.
  mkdirSync(join(stateDir, 'user-data', 'User'), { recursive: true });
  writeFileSync(
    join(stateDir, 'user-data', 'User', 'settings.json'),
    JSON.stringify({ 'northflank.apiUrl': `http://127.0.0.1:${emulatorPort}` }, null, 2),
  );
  try {
    return await runTests({
      version: VSCODE_VERSION,
      cachePath: join(CACHE_DIR, 'vscode-test'),
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: SUITE_INDEX,
      extensionTestsEnv: { [EMULATOR_PORT_VARIABLE]: String(emulatorPort) },
      launchArgs: [
        fixture.dir,
        '--user-data-dir', join(stateDir, 'user-data'),
        '--extensions-dir', join(stateDir, 'extensions'),
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        // Chromium refuses to run as root with its sandbox on.
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      ],
    });
  } finally {
    fixture.remove();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`test:electron: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
