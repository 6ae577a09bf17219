import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { TOKENS } from '../emulator';
import { acceptEveryQuestion, answerLinkServices, buildCount, buildRow, fixtureGit, hold, linkRow, movePointerAway, openBuildsView, release, SHOP_LINKS, signedInAndLinked, signIn, signOut, startedBuild, waitForLinkRows } from './flows';
import { ui } from './hooks';

const STEP_TIMEOUT_MS = 15_000;
// A UI_PACE build takes 7.5 s; the watcher may need a few more to ask after the last change.
const BUILD_TIMEOUT_MS = 20_000;

// A person watching builds in the Builds view: its welcome, the groups of the linked services and
// jobs with live statuses, the context menu, the log document and the status bar item. The window
// links what builds the fixture (the shop's API, Docs, Migrate, Web and Web Previews) and builds the
// Migrate job here, so that Web's seeded failure stays its latest build for the files after this one.


const ICONS = {
  queued: '.codicon-clock',
  running: '.codicon-sync.codicon-modifier-spin',
  succeeded: '.codicon-pass',
  failed: '.codicon-error',
  aborted: '.codicon-circle-slash',
} as const;

function page() {
  return ui().workbench.page;
}

function modalDialog(): Locator {
  return page().locator('.monaco-dialog-box');
}

async function waitForIcon(row: Locator, icon: keyof typeof ICONS, timeout = BUILD_TIMEOUT_MS): Promise<void> {
  await row.locator(ICONS[icon]).first().waitFor({ timeout });
}

/** The view's welcome content, once it shows `text`. */
async function welcome(text: string): Promise<Locator> {
  const pane = await openBuildsView();
  const content = pane.locator('.welcome-view-content', { hasText: text });
  await content.waitFor({ timeout: STEP_TIMEOUT_MS });
  return content;
}

/**
 * Start Build of the Migrate job from the Command Palette: which one, then its own Dockerfile with the
 * repository root as context, or the second time, "Like last time". Returns the build the status bar names.
 */
async function startMigrateFromPalette(likeLastTime: boolean): Promise<string> {
  const { workbench } = ui();
  const buildsBefore = buildCount();
  await workbench.runCommand('Northflank: Start Build');
  await workbench.answerQuickPick('Start Build: which service or job?', 'Migrate');
  if (likeLastTime) {
    await workbench.answerQuickPick(': Dockerfile', 'Like last time');
  } else {
    await workbench.answerQuickPick(': Dockerfile', '/jobs/migrate/Dockerfile');
    await workbench.answerQuickPick(': build context', '/');
  }
  const { id, name } = await startedBuild(buildsBefore);
  assert.equal(name, 'Migrate');
  return id;
}

/** Start Build of the Migrate job from the Command Palette, Enter at each question after which one: whatever this window built before. */
async function startMigrate(): Promise<string> {
  const { workbench } = ui();
  const buildsBefore = buildCount();
  await workbench.runCommand('Northflank: Start Build');
  await workbench.answerQuickPick('Start Build: which service or job?', 'Migrate');
  const { id, name } = await acceptEveryQuestion(buildsBefore);
  assert.equal(name, 'Migrate');
  return id;
}

/** The status bar item's tooltip, once it says `text`, as a person reads it. */
async function statusTooltip(text: string): Promise<string> {
  const { workbench } = ui();
  // From elsewhere, so that the hover shows again, and says what the item says now.
  await page().mouse.move(700, 450);
  await workbench.northflankStatusItem().hover();
  const hover = page().locator('.workbench-hover, .monaco-hover').filter({ hasText: text });
  await hover.first().waitFor({ timeout: STEP_TIMEOUT_MS });
  // The tooltip's markdown writes spaces as non-breaking ones.
  return (await hover.first().innerText()).replace(/\u00a0/g, ' ');
}

function headShort(): string {
  return fixtureGit('rev-parse', '--short=7', 'HEAD');
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

  it('guides a person without a token or a link, through its welcome, to the builds of what the repository builds', async () => {
    const { workbench } = ui();
    // The window may have a token from an earlier test file: start signed out.
    await signOut();

    const signInWelcome = await welcome('Sign in to Northflank with an API token');
    await workbench.screenshot('builds-welcome-no-token');
    // Signed out, the view's title bar has no buttons: none of them can work without a token.
    const refreshButton = workbench.page.locator('.action-label[aria-label^="Refresh Builds"]');
    assert.equal(await refreshButton.count(), 0, 'the welcome view keeps its toolbar buttons');
    await signInWelcome.locator('.monaco-button', { hasText: 'Sign In' }).click();
    await workbench.submitInputBox(TOKENS.full);
    await workbench.notificationTextAnywhere(/signed in/i);

    // Signed in, they are back (in the page, shown on hover).
    await refreshButton.first().waitFor({ state: 'attached', timeout: STEP_TIMEOUT_MS });
    const link = await welcome('Link this workspace to the Northflank services and jobs that build it.');
    await workbench.screenshot('builds-welcome-no-link');
    await link.locator('.monaco-button', { hasText: 'Link Services' }).click();
    // What builds this repository is ticked already: Enter links it.
    await answerLinkServices();

    assert.deepEqual(
      (await waitForLinkRows((rows) => rows.length === SHOP_LINKS.length)).map((row) => row.name),
      SHOP_LINKS,
    );
    // The seeded builds, from the list-builds API, each in its own group.
    await waitForIcon(await buildRow('misty-canyon-2718'), 'failed', STEP_TIMEOUT_MS);
    await waitForIcon(await buildRow('golden-orchard-3141'), 'succeeded', STEP_TIMEOUT_MS);
    await waitForIcon(await linkRow('Web'), 'failed', STEP_TIMEOUT_MS);
    await workbench.screenshot('builds-view-listed');
  });

  it('shows a build started from the Command Palette in its group, follows its status live, and announces that it succeeded', async () => {
    const { workbench } = ui();
    const id = await startMigrateFromPalette(false);
    // Held at each status long enough to look at it, however slow the machine; then let go, to end on its own.
    hold(id, 'QUEUED');

    const row = await buildRow(id);
    try {
      await waitForIcon(row, 'queued', STEP_TIMEOUT_MS);
      assert.match(await row.innerText(), new RegExp(`main@${headShort()}`));
      // The start request may answer Pending; the watcher then reads Queued.
      await row.filter({ hasText: 'Queued' }).waitFor({ timeout: BUILD_TIMEOUT_MS });
      await workbench.screenshot('builds-view-queued');
      hold(id, 'BUILDING');
      await waitForIcon(row, 'running');
      await waitForIcon(await linkRow('Migrate'), 'running');
      assert.match(await row.innerText(), /Building/);
      await workbench.screenshot('builds-view-running');
    } finally {
      release(id);
    }
    await waitForIcon(row, 'succeeded');
    await workbench.waitForNotification(`Build of Migrate main@${headShort()} succeeded.`);
    assert.match(await row.innerText(), /Succeeded/);
    await workbench.screenshot('builds-view-succeeded');
  });

  it('aborts a running build from its context menu, after the confirmation, shows it Aborted, and does not announce it', async () => {
    const { workbench } = ui();
    // Built before: the Dockerfile question offers last time's choices first.
    const id = await startMigrateFromPalette(true);
    hold(id, 'BUILDING');
    await workbench.clearNotifications();
    const row = await buildRow(id);
    try {
      await waitForIcon(row, 'running');
    } catch (error) {
      release(id);
      throw error;
    }

    const items = await openContextMenu(row);
    assert.ok(items.includes('Abort Build'), `no Abort Build in the menu of a running build: ${items.join(', ')}`);
    await workbench.chooseContextMenuItem('Abort Build');
    await modalDialog().waitFor({ timeout: STEP_TIMEOUT_MS });
    assert.match(await modalDialog().innerText(), new RegExp(`Abort build ${id}\\?`));
    await workbench.screenshot('builds-abort-confirmation');
    await modalDialog().locator('.monaco-button', { hasText: /^Abort Build$/ }).click();

    await waitForIcon(row, 'aborted');
    assert.match(await row.innerText(), /Aborted/);
    await workbench.screenshot('builds-view-aborted');
    // The person asked for it here: no notification, even after conclusions are gathered (1.5 s) and a poll.
    await page().waitForTimeout(4_000);
    const announced = page().locator('.notification-list-item-message', { hasText: /aborted/ });
    assert.equal(await announced.count(), 0, `an abort done here was announced: ${(await announced.allInnerTexts()).join(' / ')}`);

    const after = await openContextMenu(row);
    assert.ok(!after.includes('Abort Build'), `Abort Build is still offered on a concluded build: ${after.join(', ')}`);
    assert.ok(after.includes('Re-run Build') && after.includes('View Logs'), after.join(', '));
  });

  it("offers a running build's log and abort, and another build, on a click of the status bar item, and aborts it from there", async () => {
    const { workbench } = ui();
    await signedInAndLinked();
    const id = await startMigrate();
    hold(id, 'BUILDING');
    try {
      const item = workbench.northflankStatusItem();
      await (await buildRow(id)).filter({ hasText: 'Building' }).waitFor({ timeout: BUILD_TIMEOUT_MS });
      await item.filter({ hasText: 'Migrate building' }).locator(ICONS.running).waitFor({ timeout: STEP_TIMEOUT_MS });
      await workbench.clearNotifications();
      const tooltip = await statusTooltip("Click to show the running build's log, abort it, or start another build.");
      assert.match(tooltip, new RegExp(`Migrate: main@${headShort()} · Building`));

      await item.click();
      const title = `Northflank: Migrate building main@${headShort()}`;
      await workbench.waitForQuickInput(title);
      assert.deepEqual(await workbench.quickPickLabels(), ['Show Log', 'Abort Build', 'Start Another Build…']);
      await movePointerAway();
      await workbench.screenshot('status-bar-running-build-choices');

      await workbench.answerQuickPick(title, 'Abort Build');
      await modalDialog().waitFor({ timeout: STEP_TIMEOUT_MS });
      assert.match(await modalDialog().innerText(), new RegExp(`Abort build ${id}\\?`));
      await modalDialog().locator('.monaco-button', { hasText: /^Abort Build$/ }).click();

      await waitForIcon(await buildRow(id), 'aborted');
      await item.filter({ hasText: 'Web failed' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    } finally {
      release(id);
    }
  });

  it("opens a failed build's log at its error, with short times, step folds and links to the Dockerfile, from View Logs", async () => {
    const { workbench } = ui();
    await signedInAndLinked();
    const row = await buildRow('misty-canyon-2718');
    await openContextMenu(row);
    await workbench.chooseContextMenuItem('View Logs');

    const tab = page().locator('.tabs-container .tab', { hasText: 'misty-canyon-2718.log' });
    await tab.waitFor({ timeout: STEP_TIMEOUT_MS });
    const editor = page().locator('.editor-group-container.active .monaco-editor');
    const lines = editor.locator('.view-lines');
    await lines.filter({ hasText: 'failed to solve' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    // The editor draws spaces as non-breaking ones.
    const text = (await lines.innerText()).replace(/\u00a0/g, ' ');
    for (const line of [
      '+00:00 Build queued, waiting for a builder',
      'Cloning https://github.com/example-org/shop',
      '#1 [internal] load build definition from Dockerfile',
      'WARN: UndefinedVar',
      '+01:40 ERROR: failed to solve',
    ]) {
      assert.ok(text.includes(line), `the log document lacks "${line}":\n${text}`);
    }
    assert.ok(!text.includes('\u001b') && !text.includes('[33m'), `the log shows terminal escapes:\n${text}`);
    // The cursor is on the first error: its line number is the active one (a wrapped line goes on without a time).
    const logLines = text.split('\n').filter((line) => /^\+\d\d:\d\d /.test(line));
    // BuildKit says ERROR first on the failing step's own line (#7 ERROR: …), before "failed to solve".
    const errorNumber = logLines.findIndex((line) => /\bERROR\b/.test(line)) + 1;
    assert.ok(errorNumber < logLines.findIndex((line) => line.includes('ERROR: failed to solve')) + 1, 'the failing step comes before the summary');
    assert.ok(errorNumber > 1, `no error line in:\n${text}`);
    await editor.locator('.line-numbers.active-line-number', { hasText: new RegExp(`^${errorNumber}$`) }).waitFor({ timeout: STEP_TIMEOUT_MS });
    await workbench.clearNotifications();
    // Document links are drawn as detected links, underlined on hover and opened with a modifier-click.
    // BuildKit names Web's Dockerfile.prod by its file name; the link opens the one the service builds.
    const link = editor.locator('.view-lines .detected-link', { hasText: /^Dockerfile\.prod:3$/ });
    await link.waitFor({ timeout: STEP_TIMEOUT_MS });
    await link.hover();
    await page().locator('.monaco-hover', { hasText: /Open services\/web\/Dockerfile\.prod at line 3/ }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
    await workbench.screenshot('build-log-with-links');
    await page().keyboard.press('Escape');
    await movePointerAway();
    await workbench.screenshot('build-log-document');
    await page().keyboard.press('Control+W');
  });

  it('sums up the links in the status bar, with each latest build in its tooltip, and asks which one to build on click', async () => {
    const { workbench } = ui();
    await signedInAndLinked();
    // Its own latest build of Migrate, aborted elsewhere (in the emulator), which needs no attention.
    const id = await startMigrate();
    hold(id, 'ABORTED');
    await waitForIcon(await buildRow(id), 'aborted');
    // Not aborted here, so announced: out of the way of the screenshot.
    await workbench.notificationTextAnywhere(`Migrate main@${headShort()} was aborted`);
    await workbench.clearNotifications();

    const item = workbench.northflankStatusItem();
    // Web's seeded build failed.
    await item.filter({ hasText: 'Web failed' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    await item.locator(ICONS.failed).waitFor({ timeout: STEP_TIMEOUT_MS });

    const tooltip = await statusTooltip('Click to start a build.');
    assert.match(tooltip, new RegExp(`Migrate: main@${headShort()} · Aborted`));
    assert.match(tooltip, /Web: main@2c4e6a8 · Failed/);
    await workbench.screenshot('status-bar-latest-build');

    await item.click();
    await workbench.waitForQuickInput('Start Build: which service or job?');
    // The last one built comes first.
    const first = workbench.quickPickRows().and(page().locator('[data-index="0"]'));
    await first
      .filter({ has: page().locator('.label-name').getByText('Migrate', { exact: true }) })
      .filter({ has: page().locator('.label-description', { hasText: 'built last' }) })
      .waitFor({ timeout: STEP_TIMEOUT_MS });
    await workbench.closeOverlays();
  });

  it('says when the API cannot be reached, in the view and the status bar, and lists the builds again after Retry', async () => {
    const { workbench, emulator } = ui();
    // Signing out forgets the builds, so there is nothing left to show but the welcome.
    await signOut();
    emulator.inject({ kind: 'status500', count: 50, method: 'GET', path: /\/build$/ });
    await signIn(TOKENS.full);

    const unreachable = await welcome('could not be reached');
    // The emulator answers 500s: a server error, not a lost connection.
    await workbench.northflankStatusItem().filter({ hasText: 'Northflank: server error' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    await workbench.screenshot('builds-welcome-unreachable');
    emulator.clearFaults();
    await unreachable.locator('.monaco-button', { hasText: 'Retry' }).click();
    await (await buildRow('misty-canyon-2718')).waitFor({ timeout: STEP_TIMEOUT_MS });
    await workbench.northflankStatusItem().filter({ hasText: 'Web failed' }).waitFor({ timeout: STEP_TIMEOUT_MS });
  });
});
