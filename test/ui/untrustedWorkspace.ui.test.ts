import * as assert from 'node:assert/strict';
import type { Context } from 'mocha';
import { TOKENS } from '../emulator';
import { createGitCallLog, type GitCallLog, isExtensionGitCall } from '../bench/gitCallLog';
import { startUiSession, type UiSession } from './session';

const STEP_TIMEOUT_MS = 15_000;

// The security requirement: in an untrusted workspace the extension does not run git.
// This window is its own code-server session, with workspace trust left on (the shared
// session turns it off), and every git process it starts records itself through GIT_TRACE.
// VS Code's built-in git extension is turned off, so any git command in the trace is ours.

describe('An untrusted workspace', () => {
  let session: UiSession | undefined;
  let gitCalls: GitCallLog | undefined;

  const current = (): UiSession => {
    if (session === undefined) throw new Error('the untrusted-workspace session did not start');
    return session;
  };

  before(async function () {
    this.timeout(120_000);
    gitCalls = createGitCallLog();
    session = await startUiSession({
      workspaceTrust: true,
      env: gitCalls.env,
      userSettings: { 'git.enabled': false },
      onCodeServerOutput: process.env.NORTHFLANK_UI_VERBOSE === '1' ? (line) => console.log(`[code-server untrusted] ${line}`) : undefined,
    });
  });

  afterEach(async function (this: Context) {
    const test = this.currentTest;
    if (session !== undefined && test?.state === 'failed') {
      const file = await session.workbench.screenshot(`FAILED-${test.fullTitle()}`).catch(() => undefined);
      if (file !== undefined) console.log(`    screenshot: ${file}`);
    }
  });

  after(async function () {
    this.timeout(30_000);
    await session?.stop();
    session = undefined;
    gitCalls?.remove();
  });

  it('opened in Restricted Mode, Start Build says the workspace is not trusted, and neither runs git nor calls the API', async () => {
    const { workbench, emulator } = current();
    const dialog = workbench.page.locator('.monaco-dialog-box');
    await dialog.getByText('Do you trust the authors of the files in this folder?').waitFor({ timeout: STEP_TIMEOUT_MS });
    await workbench.screenshot('untrusted-01-trust-prompt');
    await dialog.getByRole('button', { name: "No, I don't trust the authors" }).click();
    await workbench.statusBarItem('Restricted Mode').first().waitFor({ timeout: STEP_TIMEOUT_MS });
    // The extension declares limited support, so it activates even here: its status bar item proves it.
    await workbench.northflankStatusItem().waitFor({ timeout: STEP_TIMEOUT_MS });

    await workbench.runCommand('Northflank: Start Build');
    const toast = await workbench.waitForNotification(/this workspace is not trusted/);
    await toast.getByRole('button', { name: 'Manage Workspace Trust' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    await toast.and(workbench.page.locator('.notification-fade-in-done')).waitFor({ timeout: STEP_TIMEOUT_MS });
    await workbench.screenshot('untrusted-02-start-build-refused');

    assert.equal(await workbench.quickInput().isVisible(), false, 'Start Build asked a question (e.g. for a token) in an untrusted workspace');
    assert.deepEqual(emulator.requests, []);
    assert.deepEqual(gitCalls!.lines(), []);
  });

  it('once the user trusts it from that message, Start Build does run git (so the trace above could have caught it)', async () => {
    const { workbench, emulator } = current();
    const toast = await workbench.waitForNotification(/this workspace is not trusted/);
    await toast.getByRole('button', { name: 'Manage Workspace Trust' }).click();
    const trustEditor = workbench.page.locator('.workspace-trust-editor');
    await trustEditor.waitFor({ timeout: STEP_TIMEOUT_MS });
    await workbench.screenshot('untrusted-03-trust-editor');
    await trustEditor.getByRole('button', { name: 'Trust', exact: true }).click();
    await workbench.statusBarItem('Restricted Mode').first().waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS });

    await workbench.runCommand('Northflank: Start Build');
    await workbench.quickInput().locator('.quick-input-title', { hasText: 'Sign In to Northflank' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    await workbench.submitInputBox(TOKENS.full);
    // Nothing is linked yet, so Link Services asks first, after git has read the repository's remotes.
    await workbench.quickInput().locator('.quick-input-title', { hasText: 'Link workspace to Northflank' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    await workbench.screenshot('untrusted-04-trusted-start-build');

    assert.ok(gitCalls!.lines().some(isExtensionGitCall), `no git read from the extension in the trace:\n${gitCalls!.lines().join('\n')}`);
    assert.ok(emulator.requests.length > 0);
  });
});
