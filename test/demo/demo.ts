import { mkdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_PACE, startEmulator, TOKENS } from '../emulator';
import { createWorkspaceFixture } from '../fixtures/workspace';
import { startCodeServer } from '../vscode/codeServer';
import { CACHE_DIR, REPO_ROOT } from '../vscode/paths';

// npm run demo [-- --port 8080 --emulator-port 4010]
// The extension under development in a real VS Code (code-server), talking to the emulator
// at a realistic pace, in a sample repository. Ctrl-C stops everything it started.

const DEMO_DIR = join(CACHE_DIR, 'demo');
// The seed's combined service builds from this repository; pushes still go to a bare repository on disk.
const DEMO_ORIGIN_URL = 'https://github.com/example-org/web';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string', default: '8080' }, 'emulator-port': { type: 'string', default: '4010' } },
  });
  const stops: (() => Promise<void> | void)[] = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await Promise.resolve(stop()).catch(() => {});
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.log('\nStopping the demo…');
      void stopAll().finally(() => process.exit(0));
    });
  }

  try {
    const emulator = await startEmulator({ port: Number(values['emulator-port']), pace: DEMO_PACE });
    stops.push(() => emulator.stop());

    rmSync(DEMO_DIR, { recursive: true, force: true });
    mkdirSync(DEMO_DIR, { recursive: true });
    const fixture = createWorkspaceFixture({
      dir: join(DEMO_DIR, 'workspace'),
      originUrl: DEMO_ORIGIN_URL,
    });
    stops.push(() => fixture.remove());

    const codeServer = await startCodeServer({
      port: Number(values.port),
      stateDir: join(DEMO_DIR, 'code-server'),
      // An application-scoped setting: VS Code reads it from user settings only.
      userSettings: { 'northflank.apiUrl': emulator.url },
    });
    stops.push(() => codeServer.stop());

    const url = codeServer.workbenchUrl({ folder: fixture.dir, extensionDevelopmentPath: REPO_ROOT });
    console.log(`
Northflank Build demo

  Open in a browser:  ${url}
  API token:          ${TOKENS.full}
                      (Accounts menu → Sign in with Northflank, or Command Palette → "Northflank: Sign In…"; paste it)
  Emulated API:       ${emulator.url}  (builds take about a minute)
  Sample repository:  ${relative(REPO_ROOT, fixture.dir)}  (origin ${DEMO_ORIGIN_URL}, pushes stay on disk)

Ctrl-C stops code-server and the emulator.`);
  } catch (error) {
    await stopAll();
    throw error;
  }
}

main().catch((error: unknown) => {
  console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
  console.error('demo: if a port is taken, pick others: npm run demo -- --port 8081 --emulator-port 4011');
  process.exit(1);
});
