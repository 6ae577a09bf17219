import { format } from 'node:util';
import { Page } from 'playwright-core';
import { createWorkspaceFixture, SHOP_REPOSITORY_URL } from '../fixtures/workspace';
import { recordTotals } from '../totals';
import { launchBrowser } from './browser';
import { startCodeServer } from './codeServer';
import { freePort } from './freePort';
import { REPO_ROOT, SUITE_INDEX } from './paths';
import { EMULATOR_PORT_VARIABLE, SUITE_START_MARKER } from './suite/runnerProtocol';

// Runs the mocha suite in test/vscode/suite inside the extension host of a real VS Code
// (code-server), driven by headless Chromium, and exits with the suite's result.

const TIMEOUT_MS = Number(process.env.NORTHFLANK_VSCODE_TIMEOUT_MS ?? 300_000);
const verbose = process.env.NORTHFLANK_VSCODE_VERBOSE === '1';
const TOTALS_LINE = /^vscode: \d+ passed, \d+ failed/;

async function main(): Promise<number> {
  const started = Date.now();
  const emulatorPort = await freePort();
  const fixture = createWorkspaceFixture({ originUrl: SHOP_REPOSITORY_URL });
  const cleanups: (() => Promise<void> | void)[] = [() => fixture.remove()];
  const cleanUp = async () => {
    for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => {});
    cleanups.length = 0;
  };
  onTermination(cleanUp);

  try {
    const codeServer = await startCodeServer({
      // An application-scoped setting: VS Code reads it from user settings only.
      userSettings: { 'northflank.apiUrl': `http://127.0.0.1:${emulatorPort}` },
      env: { [EMULATOR_PORT_VARIABLE]: String(emulatorPort) },
      onOutput: verbose ? (line) => console.log(`[code-server] ${line}`) : undefined,
    });
    cleanups.push(() => codeServer.stop());
    const browser = await launchBrowser();
    cleanups.push(() => browser.close());

    const exitCode = new Promise<number>((resolveExit) => {
      // The web workbench calls this when the extension host has finished running the suite.
      void browser.page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));
    });
    const pageConsole = forwardConsole(browser.page);
    browser.page.on('pageerror', (error) => verbose && console.log(`[page error] ${error.message}`));

    await browser.page.goto(
      codeServer.workbenchUrl({ folder: fixture.dir, extensionDevelopmentPath: REPO_ROOT, extensionTestsPath: SUITE_INDEX }),
    );
    const timeout = new Promise<number>((resolveTimeout) =>
      setTimeout(() => {
        console.error(`test:vscode: the suite did not finish within ${TIMEOUT_MS / 1000} s`);
        resolveTimeout(1);
      }, TIMEOUT_MS).unref(),
    );
    const code = await Promise.race([exitCode, timeout]);
    await pageConsole.flushed();
    console.log(`test:vscode: suite exited with ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const totals = pageConsole.totals();
    if (totals !== undefined) {
      const [passed, failed, skipped] = (totals.match(/\d+/g) ?? []).map(Number);
      recordTotals('vscode', { passed, failed, skipped: skipped ?? 0 });
      console.log(totals);
    }
    return code;
  } finally {
    await cleanUp();
  }
}

/**
 * The extension host's console reaches the page as workbench log entries
 * ('%c INFO', 'color: …', format, ...args), mixed with the workbench's own.
 * Everything from the suite's start marker on is printed, formatted as Node would.
 */
function forwardConsole(page: Page): { flushed(): Promise<void>; totals(): string | undefined } {
  let suiteStarted = false;
  let totals: string | undefined;
  let queue = Promise.resolve();
  page.on('console', (message) => {
    // jsonValue() is asynchronous: chain the lines so they keep their order.
    queue = queue.then(async () => {
      const values = await Promise.all(message.args().map((arg) => arg.jsonValue().catch(() => '<unreadable>')));
      if (typeof values[0] === 'string' && /^%c\s*[A-Z]+$/.test(values[0].trim())) values.splice(0, 2);
      const text = format(...values);
      if (text.includes(SUITE_START_MARKER)) suiteStarted = true;
      // Held back so that the "N passed, N failed" line is the last one printed.
      if (TOTALS_LINE.test(text)) totals = text;
      else if (suiteStarted) console.log(text);
      else if (verbose) console.log(`[workbench] ${text}`);
    });
  });
  return { flushed: () => queue, totals: () => totals };
}

function onTermination(cleanUp: () => Promise<void>): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`test:vscode: ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  },
);
