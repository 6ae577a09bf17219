import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { TOKENS } from '../emulator';
import type { BuildStatus } from '../emulator/timeline';
import { ui } from './hooks';

const STEP_TIMEOUT_MS = 15_000;
// A UI_PACE build takes 7.5 s; the watcher may need a few more to ask after the last change.
const BUILD_TIMEOUT_MS = 20_000;

// A person watching builds in the Builds view: its welcome, live statuses, the context menu, the
// log document and the status bar item.

const ICONS = {
  queued: '.codicon-clock',
  running: '.codicon-sync.codicon-modifier-spin',
  succeeded: '.codicon-pass',
  aborted: '.codicon-circle-slash',
} as const;

function page() {
  return ui().workbench.page;
}

function modalDialog(): Locator {
  return page().locator('.monaco-dialog-box');
}

/** The Builds view, opened from the Command Palette unless it shows already (the palette closes when a view takes focus). */
async function openBuildsView(): Promise<Locator> {
  const { workbench } = ui();
  const body = page().locator('.pane', { has: page().locator('.pane-header[aria-label="Builds Section"]') }).locator('.pane-body');
  if (!(await body.isVisible())) await workbench.runCommand('Northflank: Focus on Builds View');
  return workbench.viewPane('Builds');
}

/** The Builds view's row of a build: its accessible label starts with the build id. */
async function buildRow(buildId: string): Promise<Locator> {
  const pane = await openBuildsView();
  return pane.locator(`.monaco-list-row[aria-label^=${JSON.stringify(`Build ${buildId},`)}]`);
}

async function waitForIcon(row: Locator, icon: keyof typeof ICONS, timeout = BUILD_TIMEOUT_MS): Promise<void> {
  await row.locator(ICONS[icon]).waitFor({ timeout });
}

/** The view's welcome content, once it shows `text`. */
async function welcome(text: string): Promise<Locator> {
  const pane = await openBuildsView();
  const content = pane.locator('.welcome-view-content', { hasText: text });
  await content.waitFor({ timeout: STEP_TIMEOUT_MS });
  return content;
}

async function answerPick(title: string, label: string): Promise<void> {
  const { workbench } = ui();
  await workbench.quickInput().locator('.quick-input-title', { hasText: title }).waitFor({ timeout: STEP_TIMEOUT_MS });
  await workbench.pickQuickPick(label);
}

/** Start Build from the Command Palette with the root Dockerfile; returns the id the notification names. */
async function startBuildFromPalette(): Promise<{ id: string; toast: Locator }> {
  const { workbench } = ui();
  await workbench.runCommand('Northflank: Start Build');
  await answerPick('Start Build: Dockerfile', '/Dockerfile');
  const toast = await workbench.waitForNotification(/^Build \S+ started for main@/);
  const text = await toast.locator('.notification-list-item-message').innerText();
  const id = /^Build (\S+) started/.exec(text)?.[1];
  assert.ok(id, `no build id in "${text}"`);
  return { id, toast };
}

/** Holds a build in `status` in the emulator, as a slow build would sit there. */
function hold(buildId: string, status: BuildStatus): void {
  const record = ui().emulator.state.builds.find((build) => build.id === buildId);
  assert.ok(record, `the emulator has no build ${buildId}`);
  record.fixed = { status };
}

/** Lets a held build follow the emulator's clock again. */
function release(buildId: string): void {
  const record = ui().emulator.state.builds.find((build) => build.id === buildId);
  assert.ok(record, `the emulator has no build ${buildId}`);
  record.fixed = undefined;
}

async function openContextMenu(row: Locator): Promise<string[]> {
  const { workbench } = ui();
  await row.click({ button: 'right' });
  await workbench.contextMenu().waitFor({ timeout: STEP_TIMEOUT_MS });
  return workbench.contextMenuItems();
}

describe('Watching builds in the Northflank Builds view', () => {
  after(async () => {
    ui().emulator.clearFaults();
  });

  it('guides a person without a token or a service, through its welcome, to the list of builds', async () => {
    const { workbench } = ui();
    // The window may have a token from an earlier test file: start signed out.
    await workbench.runCommand('Northflank: Sign Out');
    await workbench.waitForNotification(/token removed|no API token is stored/);

    const signIn = await welcome('Sign in with a Northflank API token');
    await workbench.screenshot('builds-welcome-no-token');
    await signIn.locator('.monaco-button', { hasText: 'Set API Token' }).click();
    await workbench.submitInputBox(TOKENS.full);
    await workbench.waitForNotification(/signed in/i);

    const link = await welcome('Link this workspace to a Northflank service');
    await workbench.screenshot('builds-welcome-no-service');
    await link.locator('.monaco-button', { hasText: 'Select Service' }).click();
    await answerPick('(1/2)', 'Default Project');
    await answerPick('(2/2)', 'Web Combined');

    const pane = await openBuildsView();
    await pane.locator('.monaco-list-row', { hasText: 'Web Combined' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    // The seeded builds of the service, from the list-builds API.
    await (await buildRow('quiet-meadow-4410')).waitFor({ timeout: STEP_TIMEOUT_MS });
    await (await buildRow('steady-river-1021')).locator('.codicon-error').waitFor({ timeout: STEP_TIMEOUT_MS });
    await workbench.screenshot('builds-view-listed');
  });

  it('shows a build started from the Command Palette, follows its status live, and announces that it succeeded', async () => {
    const { workbench } = ui();
    const { id, toast } = await startBuildFromPalette();
    // Held at each status long enough to look at it, however slow the machine; then let go, to end on its own.
    hold(id, 'QUEUED');
    await toast.locator('.monaco-button', { hasText: 'Show Build' }).click();

    const row = await buildRow(id);
    await waitForIcon(row, 'queued', STEP_TIMEOUT_MS);
    assert.match(await row.innerText(), /main@[0-9a-f]{7}/);
    await workbench.screenshot('builds-view-queued');
    hold(id, 'BUILDING');
    await waitForIcon(row, 'running');
    assert.match(await row.innerText(), /BUILDING/);
    await workbench.screenshot('builds-view-running');
    release(id);
    await waitForIcon(row, 'succeeded');
    await workbench.waitForNotification(`Build ${id} succeeded.`);
    assert.match(await row.innerText(), /SUCCESS/);
    await workbench.screenshot('builds-view-succeeded');
  });

  it('aborts a running build from its context menu, after the confirmation, and shows it ABORTED', async () => {
    const { workbench } = ui();
    const { id } = await startBuildFromPalette();
    hold(id, 'BUILDING');
    await workbench.clearNotifications();
    const row = await buildRow(id);
    await waitForIcon(row, 'running');

    const items = await openContextMenu(row);
    assert.ok(items.includes('Abort Build'), `no Abort Build in the menu of a running build: ${items.join(', ')}`);
    await workbench.chooseContextMenuItem('Abort Build');
    await modalDialog().waitFor({ timeout: STEP_TIMEOUT_MS });
    assert.match(await modalDialog().innerText(), new RegExp(`Abort build ${id}\\?`));
    await workbench.screenshot('builds-abort-confirmation');
    await modalDialog().locator('.monaco-button', { hasText: /^Abort Build$/ }).click();

    await waitForIcon(row, 'aborted');
    assert.match(await row.innerText(), /ABORTED/);
    await workbench.waitForNotification(`Build ${id} was aborted.`);
    await workbench.screenshot('builds-view-aborted');

    const after = await openContextMenu(row);
    assert.ok(!after.includes('Abort Build'), `Abort Build is still offered on a concluded build: ${after.join(', ')}`);
    assert.ok(after.includes('Re-run Build') && after.includes('View Logs'), after.join(', '));
  });

  it("opens a build's log, with the emulator's log lines, from View Logs", async () => {
    const { workbench } = ui();
    const row = await buildRow('quiet-meadow-4410');
    await openContextMenu(row);
    await workbench.chooseContextMenuItem('View Logs');

    const tab = page().locator('.tabs-container .tab', { hasText: 'quiet-meadow-4410.log' });
    await tab.waitFor({ timeout: STEP_TIMEOUT_MS });
    const editor = page().locator('.editor-group-container.active .monaco-editor .view-lines');
    await editor.filter({ hasText: 'Image successfully built' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    // The editor draws spaces as non-breaking ones.
    const text = (await editor.innerText()).replace(/\u00a0/g, ' ');
    for (const line of [
      '2025-05-02T09:31:00.000Z Build queued, waiting for a builder',
      'Cloning https://github.com/example-org/web',
      '#1 [internal] load build definition from Dockerfile',
      '2025-05-02T09:33:05.000Z Image successfully built',
    ]) {
      assert.ok(text.includes(line), `the log document lacks "${line}":\n${text}`);
    }
    await workbench.screenshot('build-log-document');
    await page().keyboard.press('Control+W');
  });

  it('names the linked service in the status bar, with the latest build on its icon and in its tooltip, and starts a build on click', async () => {
    const { workbench } = ui();
    const item = workbench.northflankStatusItem();
    await item.filter({ hasText: 'Web Combined' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    // The latest build is the one aborted above.
    await item.locator('.codicon-circle-slash').waitFor({ timeout: STEP_TIMEOUT_MS });

    await item.hover();
    const hover = page().locator('.workbench-hover, .monaco-hover').filter({ hasText: 'Last build' });
    await hover.first().waitFor({ timeout: STEP_TIMEOUT_MS });
    assert.match(await hover.first().innerText(), /Last build \S+ · main@[0-9a-f]{7} · ABORTED/);
    await workbench.screenshot('status-bar-latest-build');

    await item.click();
    await workbench.quickInput().locator('.quick-input-title', { hasText: 'Start Build: Dockerfile' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    await workbench.closeOverlays();
  });

  it('says when the API cannot be reached, and lists the builds again after Retry', async () => {
    const { workbench, emulator } = ui();
    // Signing out forgets the builds, so there is nothing left to show but the welcome.
    await workbench.runCommand('Northflank: Sign Out');
    emulator.inject({ kind: 'status500', count: 50, method: 'GET', path: /\/build$/ });
    await workbench.runCommand('Northflank: Set API Token');
    await workbench.submitInputBox(TOKENS.full);
    await workbench.waitForNotification(/signed in/i);

    const unreachable = await welcome('could not be reached');
    await workbench.screenshot('builds-welcome-unreachable');
    emulator.clearFaults();
    await unreachable.locator('.monaco-button', { hasText: 'Retry' }).click();
    await (await buildRow('quiet-meadow-4410')).waitFor({ timeout: STEP_TIMEOUT_MS });
  });
});
