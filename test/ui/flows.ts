import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import type { RecordedRequest } from '../emulator';
import type { BuildStatus } from '../emulator/timeline';
import { isDeepStrictEqual } from 'node:util';
import { TOKENS } from '../emulator';
import { git } from '../fixtures/workspace';
import { ui } from './hooks';

// What a person does with Northflank Build, step by step, shared by the UI test files.

const STEP_TIMEOUT_MS = 15_000;

/** Link Services' pick is titled "Link <folder> to Northflank". */
export const LINK_SERVICES_TITLE = 'to Northflank';

/** What the status bar says for 5 s once a build was sent: `Northflank: build <id> of <name> started for <source>`. */
export const STARTED = /^Northflank: build (\S+) of (.+) started for (.+)$/;

export function fixtureGit(...args: string[]): string {
  return git(ui().fixture.dir, args);
}

/** The POSTs that started (or tried to start) a build since request number `from`. */
export function startBuildPosts(from: number): RecordedRequest[] {
  return ui()
    .emulator.requests.slice(from)
    .filter((request) => request.method === 'POST' && request.path.endsWith('/build'));
}

/**
 * Answers the open Link Services pick. Without `only`, Enter: what it ticked gets linked. With `only`,
 * "Toggle all" clears every tick first, then each name is typed to find its row and its checkbox
 * clicked, then Enter: exactly those get linked.
 */
export async function answerLinkServices(only?: string[]): Promise<void> {
  const { workbench } = ui();
  await workbench.waitForQuickInput(LINK_SERVICES_TITLE);
  if (only !== undefined) {
    await workbench.untickAllQuickPick();
    for (const name of only) await workbench.toggleQuickPickRow(name);
  }
  await workbench.acceptQuickPick(LINK_SERVICES_TITLE);
}

/** "Northflank: Link Services…", answered as answerLinkServices does. */
export async function linkServices(only?: string[]): Promise<void> {
  await ui().workbench.runCommand('Northflank: Link Services…');
  await answerLinkServices(only);
}

/** How many builds the emulator holds: give it to startedBuild, taken before a build is started. */
export function buildCount(): number {
  return ui().emulator.state.builds.length;
}

/**
 * Presses Enter at each Start Build question, as a person who accepts every default would, until the
 * build has started. Resolves to the titles of the questions and the build the status bar names.
 * `before` is buildCount() from before the build was asked for.
 */
export async function acceptEveryQuestion(before: number): Promise<{ questions: string[]; id: string; name: string }> {
  const { workbench } = ui();
  // The widget stays in the page between questions, hidden, with the last title in it.
  // "Start Build: …" when it asks one question, "Start Build (2/3): …" when several.
  const question = workbench.quickInput().locator('.quick-input-title:visible', { hasText: /Start Build( \(\d+\/\d+\))?:/ });
  const questions: string[] = [];
  let deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    const started = await startedSince(before);
    if (started !== undefined) return { questions, ...started };
    if (await question.isVisible()) {
      const title = await question.innerText();
      questions.push(title);
      assert.ok(questions.length < 10, `Start Build keeps asking: ${questions.join(' / ')}`);
      await workbench.acceptQuickPick(title);
      deadline = Date.now() + STEP_TIMEOUT_MS;
      continue;
    }
    assert.ok(Date.now() < deadline, `neither a Start Build question nor a started build after: ${questions.join(' / ') || 'nothing'}`);
    await workbench.page.waitForTimeout(100);
  }
}

/**
 * The build the status bar's "started" message names, once it shows. The message stays 5 s, so one
 * about an earlier build may still show: only a build the emulator created after `before` counts.
 */
export async function startedBuild(before: number): Promise<{ id: string; name: string }> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    const started = await startedSince(before);
    if (started !== undefined) return started;
    const shown = await ui().workbench.statusBarItem(STARTED).allInnerTexts();
    assert.ok(Date.now() < deadline, `no build started since build ${before} in the status bar; it shows ${shown.join(' / ') || 'no started message'}`);
    await ui().workbench.page.waitForTimeout(100);
  }
}

async function startedSince(before: number): Promise<{ id: string; name: string } | undefined> {
  const fresh = new Set(ui().emulator.state.builds.slice(before).map((build) => build.id));
  if (fresh.size === 0) return undefined;
  for (const text of await ui().workbench.statusBarItem(STARTED).allInnerTexts()) {
    const [, id, name] = STARTED.exec(text.trim()) ?? [];
    if (id !== undefined && fresh.has(id)) return { id, name };
  }
  return undefined;
}

/** Holds a build in `status` in the emulator, as a slow build would sit there. */
export function hold(buildId: string, status: BuildStatus): void {
  const record = ui().emulator.state.builds.find((build) => build.id === buildId);
  assert.ok(record, `the emulator has no build ${buildId}`);
  record.fixed = { status };
}

/** Lets a held build follow the emulator's clock again. */
export function release(buildId: string): void {
  const record = ui().emulator.state.builds.find((build) => build.id === buildId);
  assert.ok(record, `the emulator has no build ${buildId}`);
  record.fixed = undefined;
}

// --- The Builds view -------------------------------------------------------------------------

/** The Builds view, opened from the Command Palette unless it shows already (the palette closes when a view takes focus). */
export async function openBuildsView(): Promise<Locator> {
  const { workbench } = ui();
  const page = workbench.page;
  const body = page.locator('.pane', { has: page.locator('.pane-header[aria-label="Builds Section"]') }).locator('.pane-body');
  if (!(await body.isVisible())) await workbench.runCommand('Northflank: Focus on Builds View');
  return workbench.viewPane('Builds');
}

/** The Builds view's row of a build: its accessible label starts with the build id. */
export async function buildRow(buildId: string): Promise<Locator> {
  const pane = await openBuildsView();
  return pane.locator(`.monaco-list-row[aria-label^=${JSON.stringify(`Build ${buildId},`)}]`);
}

/** The Builds view's group row of a linked service or job, by its name. */
export async function linkRow(name: string): Promise<Locator> {
  const pane = await openBuildsView();
  return pane
    .locator('.monaco-list-row[aria-level="1"]')
    .filter({ has: ui().workbench.page.locator('.label-name').getByText(name, { exact: true }) })
    .first();
}

/** The group rows of the Builds view, top to bottom: name and description. */
export async function linkRows(): Promise<Array<{ name: string; description: string }>> {
  const pane = await openBuildsView();
  return pane.locator('.monaco-list-row[aria-level="1"]').evaluateAll((rows) =>
    rows.map((row) => ({
      name: row.querySelector('.label-name')?.textContent?.trim() ?? '',
      description: row.querySelector('.label-description')?.textContent?.trim() ?? '',
    })),
  );
}

/**
 * The group rows once `done` says they are complete: the view draws them as links, the catalog and
 * the builds arrive. Resolves to the last rows seen when `done` never holds, for the assertion to show.
 */
export async function waitForLinkRows(
  done: (rows: Array<{ name: string; description: string }>) => boolean,
  timeoutMs = STEP_TIMEOUT_MS,
): Promise<Array<{ name: string; description: string }>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await linkRows();
    if (done(rows) || Date.now() > deadline) return rows;
    await ui().workbench.page.waitForTimeout(200);
  }
}

/** Moves the pointer out of the way, so that no hover covers what a screenshot should show. */
export async function movePointerAway(): Promise<void> {
  const page = ui().workbench.page;
  await page.mouse.move(700, 450);
  // A hover that showed before takes a moment to go.
  await page.locator('.workbench-hover').first().waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
}

/** What Link Services links in the fixture, which the shop's project builds: the Builds view's groups. */
export const SHOP_LINKS = ['API', 'Docs', 'Migrate', 'Web', 'Web Previews'];

/** Signs in with `token` from the palette, as a person pastes it. */
export async function signIn(token: string = TOKENS.full): Promise<void> {
  const { workbench } = ui();
  await workbench.runCommand('Northflank: Sign In…');
  // The palette and the token box are the same widget: typing before the box has replaced the palette would search for the token.
  await workbench.waitForQuickInput('Sign In to Northflank');
  await workbench.submitInputBox(token);
  // Anywhere: a burst of conclusions from earlier tests can send it to the notification center without a toast.
  await workbench.notificationTextAnywhere(/signed in/i);
}

/**
 * Signed out of every team, as a person starts: Sign Out is in the palette only while signed in, so
 * the status bar item says which state the window is in.
 */
export async function signOut(): Promise<void> {
  const { workbench } = ui();
  const item = workbench.northflankStatusItem();
  await item.waitFor({ timeout: STEP_TIMEOUT_MS });
  if (/sign in/.test((await item.textContent()) ?? '')) return;
  await workbench.runCommand('Northflank: Sign Out…');
  await workbench.notificationTextAnywhere(/Signed out of Northflank/);
  await item.filter({ hasText: 'Northflank: sign in' }).waitFor({ timeout: STEP_TIMEOUT_MS });
}

/** Signed in, with what builds the fixture linked, as earlier tests leave the window: for a test that runs alone. */
export async function signedInAndLinked(): Promise<void> {
  const linked = async () => (await waitForLinkRows((rows) => rows.length === SHOP_LINKS.length, 2_000)).map((row) => row.name);
  if (isDeepStrictEqual(await linked().catch(() => []), SHOP_LINKS)) return;
  await signIn();
  // What builds this repository is ticked already: Enter links it.
  await linkServices();
  assert.deepEqual((await waitForLinkRows((rows) => rows.length === SHOP_LINKS.length)).map((row) => row.name), SHOP_LINKS);
}
