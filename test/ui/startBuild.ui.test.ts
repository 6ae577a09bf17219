import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { PERMISSIONS, TOKENS } from '../emulator';
import { buildCount, fixtureGit, linkServices, signIn, startBuildPosts, startedBuild } from './flows';
import { ui } from './hooks';

const STEP_TIMEOUT_MS = 15_000;
// A UI_PACE build takes 7.5 s; the watcher may need a few more to see it end.
const BUILD_TIMEOUT_MS = 20_000;
const COMBINED_PATH = '/v1/projects/default-project/services/web-combined/build';
const BUILD_PATH = '/v1/projects/default-project/services/api-builder/build';

// A person starting builds from the three places the extension offers them, checked by what reached the API.

async function answerPick(title: string, label: string): Promise<void> {
  await ui().workbench.answerQuickPick(title, label);
}

/**
 * Links this one service, by hand: in Link Services, Toggle all clears what it ticked (the shop's
 * services and jobs, and what is linked already), the service's name finds its row, a click ticks it.
 * With one link, Start Build asks nothing about which service.
 */
async function linkService(serviceName: 'Web Combined' | 'API Builder'): Promise<void> {
  await linkServices([serviceName]);
  await ui().workbench.statusBarItem(serviceName).first().waitFor({ timeout: STEP_TIMEOUT_MS });
}

async function startFromExplorer(path: string): Promise<void> {
  await ui().workbench.openExplorerContextMenu(path);
  await ui().workbench.chooseContextMenuItem('Build with Northflank');
}

function modalDialog(): Locator {
  return ui().workbench.page.locator('.monaco-dialog-box');
}

/** The notification toast saying `text`, once it has finished sliding in (so that a screenshot shows it). */
async function settledToast(text: RegExp): Promise<Locator> {
  const { workbench } = ui();
  await workbench.waitForNotification(text);
  const settled = workbench.page.locator('.notification-fade-in-done').filter({ has: workbench.page.locator('.notification-list-item-message', { hasText: text }) });
  await settled.first().waitFor({ timeout: STEP_TIMEOUT_MS });
  return settled.first();
}

describe('Starting a build as a person would, from each entry point', () => {
  before(async function () {
    this.timeout(30_000);
    await signIn(TOKENS.full);
  });

  afterEach(async () => {
    const { workbench } = ui();
    if (await modalDialog().isVisible()) await workbench.page.keyboard.press('Escape');
    fixtureGit('checkout', '--quiet', '--force', 'main');
    fixtureGit('reset', '--quiet', '--hard', 'origin/main');
    fixtureGit('clean', '--quiet', '--force', '-d');
  });

  it('Explorer menu on a subfolder Dockerfile: a combined service builds HEAD with that file, its folder as context and the chosen target', async () => {
    const { workbench, emulator } = ui();
    await linkService('Web Combined');
    const from = emulator.requests.length;
    const buildsBefore = buildCount();

    await startFromExplorer('services/api/Dockerfile');
    await answerPick('build context', '/services/api');
    await workbench.quickInput().locator('.quick-input-title', { hasText: 'target stage' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    await workbench.screenshot('start-build-target-pick');
    await answerPick('target stage', 'build');
    await startedBuild(buildsBefore);
    await workbench.screenshot('start-build-started-combined');

    const posts = startBuildPosts(from);
    assert.equal(posts.length, 1);
    assert.equal(posts[0].path, COMBINED_PATH);
    assert.deepEqual(posts[0].body, {
      sha: fixtureGit('rev-parse', 'HEAD'),
      overrides: { docker: { dockerFilePath: '/services/api/Dockerfile', dockerWorkDir: '/services/api', dockerfileTarget: 'build' } },
    });
  });

  it('Command Palette: a build service builds the current branch with the Dockerfile picked', async () => {
    const { workbench, emulator } = ui();
    await linkService('API Builder');
    const from = emulator.requests.length;
    const buildsBefore = buildCount();

    await workbench.runCommand('Northflank: Start Build');
    await answerPick('what should API Builder build?', 'main');
    await answerPick(': Dockerfile', '/Dockerfile');
    await startedBuild(buildsBefore);
    await workbench.screenshot('start-build-started-branch');

    const posts = startBuildPosts(from);
    assert.equal(posts.length, 1);
    assert.equal(posts[0].path, BUILD_PATH);
    assert.deepEqual(posts[0].body, { branch: 'main', overrides: { docker: { dockerFilePath: '/Dockerfile', dockerWorkDir: '/' } } });
  });

  it('status bar item: a build service builds the open pull request of the checked-out branch', async () => {
    const { workbench, emulator } = ui();
    fixtureGit('checkout', '--quiet', 'feature/login');
    await linkService('API Builder');
    const from = emulator.requests.length;
    const buildsBefore = buildCount();

    // The build the test before sent may still run, and a click would offer it first: wait until it ends.
    const item = workbench.northflankStatusItem();
    await item.locator('.codicon-clock, .codicon-modifier-spin').first().waitFor({ state: 'detached', timeout: BUILD_TIMEOUT_MS });
    await item.click();
    await answerPick('what should API Builder build?', '#12 Add login');
    await answerPick(': Dockerfile', '/services/api/Dockerfile');
    await answerPick('build context', '/services/api');
    await answerPick('target stage', "The service's target (runtime)");
    await startedBuild(buildsBefore);
    await workbench.screenshot('start-build-started-pull-request');

    const posts = startBuildPosts(from);
    assert.equal(posts.length, 1);
    assert.equal(posts[0].path, BUILD_PATH);
    assert.deepEqual(posts[0].body, {
      pullRequestId: 12,
      overrides: { docker: { dockerFilePath: '/services/api/Dockerfile', dockerWorkDir: '/services/api', dockerfileTarget: 'runtime' } },
    });
  });

  it("editor title button on an open Dockerfile: builds the file in the editor, without asking which Dockerfile", async () => {
    const { workbench, emulator } = ui();
    await linkService('Web Combined');
    await (await workbench.revealInExplorer('services/web/Dockerfile.prod')).click();
    const button = workbench.page.locator('.editor-actions .action-label[aria-label="Build with Northflank"]');
    await button.waitFor({ timeout: STEP_TIMEOUT_MS });
    await workbench.screenshot('start-build-editor-title');
    const from = emulator.requests.length;
    const buildsBefore = buildCount();

    try {
      await button.click();
      await answerPick('build context', '/services/web');
      await startedBuild(buildsBefore);
    } finally {
      await workbench.runCommand('View: Close All Editors');
    }

    assert.deepEqual(startBuildPosts(from).map((post) => post.body), [
      { sha: fixtureGit('rev-parse', 'HEAD'), overrides: { docker: { dockerFilePath: '/services/web/Dockerfile.prod', dockerWorkDir: '/services/web' } } },
    ]);
  });

  describe('what it refuses', () => {
    it('a HEAD on no remote: asks in a modal dialog, and Cancel sends nothing', async () => {
      const { workbench, emulator, fixture } = ui();
      await linkService('Web Combined');
      writeFileSync(join(fixture.dir, 'index.js'), "console.log('not pushed');\n");
      fixtureGit('commit', '--quiet', '--all', '-m', 'Local only');
      const from = emulator.requests.length;

      await startFromExplorer('Dockerfile');
      await modalDialog().waitFor({ timeout: STEP_TIMEOUT_MS });
      const text = await modalDialog().innerText();
      assert.match(text, /HEAD is not pushed/);
      assert.match(text, new RegExp(`Commit ${fixtureGit('rev-parse', '--short=7', 'HEAD')} is on no remote branch`));
      await workbench.screenshot('start-build-unpushed-dialog');
      await modalDialog().locator('.monaco-button', { hasText: /^Cancel$/ }).click();
      await modalDialog().waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });

      assert.deepEqual(startBuildPosts(from), []);
    });

    it('a Dockerfile path with a space: the message names the character, and nothing is sent', async () => {
      const { workbench, emulator, fixture } = ui();
      await linkService('Web Combined');
      mkdirSync(join(fixture.dir, 'my app'));
      writeFileSync(join(fixture.dir, 'my app', 'Dockerfile'), 'FROM alpine:3.20\n');
      const from = emulator.requests.length;

      await startFromExplorer('my app/Dockerfile');
      const toast = await settledToast(/has a space at position 4/);
      await workbench.screenshot('start-build-invalid-path');
      assert.match(await toast.innerText(), /"\/my app\/Dockerfile" has a space at position 4.*Nothing was sent/s);

      assert.deepEqual(startBuildPosts(from), []);
      rmSync(join(fixture.dir, 'my app'), { recursive: true, force: true });
    });

    it('a token without Deploy Build: the message names the permission, after one refused POST', async () => {
      const { workbench, emulator } = ui();
      await signIn(TOKENS.noDeploy);
      try {
        await linkService('Web Combined');
        const from = emulator.requests.length;

        await startFromExplorer('Dockerfile');
        const message = await workbench.notificationTextAnywhere(/The build was not started/);
        await workbench.screenshot('start-build-forbidden');
        assert.ok(message.includes(`'${PERMISSIONS.deployBuild}'`), message);

        assert.equal(startBuildPosts(from).length, 1);
      } finally {
        await signIn(TOKENS.full);
      }
    });
  });
});
