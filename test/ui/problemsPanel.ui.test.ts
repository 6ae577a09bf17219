import * as assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { TOKENS } from '../emulator';
import { FAILING_LINE } from '../emulator/buildLogs';
import { acceptEveryQuestion, buildCount, linkServices, movePointerAway, waitForLinkRows } from './flows';
import { ui } from './hooks';

const STEP_TIMEOUT_MS = 15_000;
// The watcher may need a few seconds to see the build fail, then the log is read.
const FAILURE_SEEN_MS = 20_000;
const SHOP_LINKS = ['API', 'Docs', 'Migrate', 'Web', 'Web Previews'];

// A person builds the shop's API from its Dockerfile; the build fails, and the Problems panel points
// at the Dockerfile line its log names (the emulator's failed builds fail on line 7, RUN npm run build).

/** Signed in, with what builds the fixture linked, as the files before this one leave the window: for this file run alone. */
async function signedInAndLinked(): Promise<void> {
  const { workbench } = ui();
  const linked = async () => (await waitForLinkRows((rows) => rows.length === SHOP_LINKS.length, 2_000)).map((row) => row.name);
  if (isDeepStrictEqual(await linked().catch(() => []), SHOP_LINKS)) return;
  await workbench.runCommand('Northflank: Set API Token');
  await workbench.waitForQuickInput('Northflank API Token');
  await workbench.submitInputBox(TOKENS.full);
  await workbench.notificationTextAnywhere(/signed in/i);
  await linkServices();
  assert.deepEqual((await waitForLinkRows((rows) => rows.length === SHOP_LINKS.length)).map((row) => row.name), SHOP_LINKS);
}

describe('A failed build in the Problems panel', () => {
  it("lists the error on the line of the Dockerfile that failed; a click opens the Dockerfile there, and its link the build's log", async () => {
    const { workbench, emulator } = ui();
    const page = workbench.page;
    await signedInAndLinked();
    const buildsBefore = buildCount();
    await workbench.openExplorerContextMenu('services/api/Dockerfile');
    await workbench.chooseContextMenuItem('Build with Northflank');
    const { id, name } = await acceptEveryQuestion(buildsBefore);
    assert.equal(name, 'API');
    const record = emulator.state.builds.find((build) => build.id === id);
    assert.ok(record, `the emulator has no build ${id}`);
    record.fixed = { status: 'FAILURE', concludedAt: Date.now() };
    await workbench.notificationTextAnywhere(new RegExp(`^Build of API main@[0-9a-f]{7} failed\\.$`));
    await workbench.clearNotifications();

    await workbench.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
    const panel = page.locator('.markers-panel');
    const entry = panel.locator('.monaco-list-row', { hasText: 'failed to solve' });
    await entry.waitFor({ timeout: FAILURE_SEEN_MS });
    const text = (await entry.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /failed to solve: process "\/bin\/sh -c npm run build" did not complete successfully: exit code: 1/);
    assert.match(text, /Northflank/);
    assert.match(text, new RegExp(`${id} log`), 'the entry links to the build’s log');
    assert.match(text, new RegExp(`\\[Ln ${FAILING_LINE}, Col 1\\]`));
    await panel.locator('.monaco-list-row', { hasText: 'Dockerfile' }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
    await movePointerAway();
    await workbench.screenshot('problems-panel-failure');

    await entry.click();
    await page.locator('.tabs-container .tab.active', { hasText: 'Dockerfile' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    await workbench.statusBarItem(`Ln ${FAILING_LINE}, Col 1`).first().waitFor({ timeout: STEP_TIMEOUT_MS });
    await page.keyboard.press('Control+W');

    await entry.getByText(`${id} log`).click();
    await page.locator('.tabs-container .tab.active', { hasText: `${id}.log` }).waitFor({ timeout: STEP_TIMEOUT_MS });
    await page.locator('.editor-group-container.active .monaco-editor .view-lines', { hasText: 'failed to solve' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    await page.keyboard.press('Control+W');
  });
});
