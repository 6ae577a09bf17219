import * as assert from 'node:assert/strict';
import { FAILING_LINE } from '../emulator/buildLogs';
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { installCiPushHook } from '../fixtures/ciPushHook';
import { SHOP_REPOSITORY_URL } from '../fixtures/workspace';
import { acceptEveryQuestion, buildCount, buildRow, fixtureGit, movePointerAway, signedInAndLinked, startBuildPosts } from './flows';
import { ui } from './hooks';

const STEP_TIMEOUT_MS = 15_000;
// The watcher may need a few seconds to see the build fail, then the log is read.
const FAILURE_SEEN_MS = 20_000;

// A person builds the shop's API from its Dockerfile; the build fails, and the Problems panel points
// at the Dockerfile line its log names (the emulator's failed builds fail on line 7, RUN npm run build).

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

  it('closes the loop: a push starts a CI build, its failure points at the line, and the lens above that stage builds it again', async () => {
    const { workbench, emulator, fixture } = ui();
    const page = workbench.page;
    await signedInAndLinked();
    const hook = installCiPushHook(fixture.originDir, emulator.url, SHOP_REPOSITORY_URL);
    try {
      // The person commits and pushes; the origin tells the emulator, whose CI builds the commit.
      fixtureGit('commit', '--quiet', '--allow-empty', '-m', 'Trigger CI');
      const sha = fixtureGit('rev-parse', 'HEAD');
      // Not the synchronous fixtureGit: the hook calls the emulator, which answers from this process.
      await promisify(execFile)('git', ['push', '--quiet'], { cwd: fixture.dir });
      const apiBuild = () => emulator.state.builds.find((build) => build.parent.kind === 'service' && build.parent.id === 'api' && build.sha === sha);
      const deadline = Date.now() + STEP_TIMEOUT_MS;
      while (!apiBuild() && Date.now() < deadline) await page.waitForTimeout(50);
      const record = apiBuild();
      assert.ok(record, `CI started no build of ${sha} on API`);
      record.fixed = { status: 'BUILDING' };

      // It appears in the Builds view without anything started here, and is followed to its end.
      await (await buildRow(record.id)).waitFor({ timeout: FAILURE_SEEN_MS });
      await movePointerAway();
      await workbench.screenshot('push-followed-ci-build');
      record.fixed = { status: 'FAILURE', concludedAt: Date.now() };
      await workbench.notificationTextAnywhere(new RegExp(`API main@${sha.slice(0, 7)} failed`));
      await workbench.clearNotifications();

      // The Problems panel points at the broken line, and a click goes there.
      await workbench.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
      const entry = page.locator('.markers-panel .monaco-list-row', { hasText: `${record.id} log` });
      await entry.waitFor({ timeout: FAILURE_SEEN_MS });
      await entry.click();
      await page.locator('.tabs-container .tab.active', { hasText: 'Dockerfile' }).waitFor({ timeout: STEP_TIMEOUT_MS });
      await workbench.statusBarItem(`Ln ${FAILING_LINE}, Col 1`).first().waitFor({ timeout: STEP_TIMEOUT_MS });

      // The stage holding that line is 'build': its lens builds that stage again, asking nothing.
      const from = emulator.requests.length;
      const lens = page.locator('.editor-group-container.active .monaco-editor .codelens-decoration a', { hasText: "Build 'build' on API" });
      await lens.waitFor({ timeout: STEP_TIMEOUT_MS });
      await lens.click();
      const posted = Date.now() + STEP_TIMEOUT_MS;
      while (startBuildPosts(from).length === 0 && Date.now() < posted) await page.waitForTimeout(100);
      assert.deepEqual(
        startBuildPosts(from).map((post) => post.body),
        [{ sha, overrides: { docker: { dockerFilePath: '/services/api/Dockerfile', dockerWorkDir: '/services/api', dockerfileTarget: 'build' } } }],
      );
      await page.keyboard.press('Control+W');
    } finally {
      rmSync(hook, { force: true });
    }
  });
});
