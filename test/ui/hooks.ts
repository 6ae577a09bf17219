import { rmSync } from 'node:fs';
import type { Context } from 'mocha';
import { SCREENSHOT_DIR } from '../vscode/paths';
import { copyReadmeScreenshots, WRITE_MEDIA } from './media';
import { startUiSession, UiSession } from './session';

// Mocha root hooks (loaded with --require): one code-server, emulator and browser for the whole run.

let session: UiSession | undefined;

/** The running session: the workbench page object, the emulator, the fixture. */
export function ui(): UiSession {
  if (session === undefined) throw new Error('the UI session did not start; see the first failure');
  return session;
}

async function stopSession(): Promise<void> {
  const running = session;
  session = undefined;
  await running?.stop();
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void stopSession().finally(() => process.exit(130)));
}

export const mochaHooks = {
  async beforeAll(this: Context): Promise<void> {
    this.timeout(120_000);
    rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
    const started = Date.now();
    session = await startUiSession({
      onCodeServerOutput: process.env.NORTHFLANK_UI_VERBOSE === '1' ? (line) => console.log(`[code-server] ${line}`) : undefined,
    });
    console.log(`  workbench ready after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await session.workbench.screenshot('00-workbench-ready');
  },

  async afterEach(this: Context): Promise<void> {
    const test = this.currentTest;
    if (session === undefined || test === undefined) return;
    if (test.state === 'failed') {
      const file = await session.workbench.screenshot(`FAILED-${test.fullTitle()}`).catch(() => undefined);
      if (file !== undefined) console.log(`    screenshot: ${file}`);
    }
    await session.workbench.reset().catch(() => {});
  },

  async afterAll(this: Context): Promise<void> {
    this.timeout(30_000);
    await stopSession();
    if (WRITE_MEDIA) {
      const missing = copyReadmeScreenshots();
      if (missing.length > 0) console.log(`  media: this run took no ${missing.join(', ')}; the committed ones stay`);
    }
  },
};
