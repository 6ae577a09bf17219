import * as assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { MONOREPO } from '../emulator';
import {
  signIn,
  acceptEveryQuestion,
  answerLinkServices,
  buildCount,
  buildRow,
  fixtureGit,
  hold,
  linkRow,
  linkServices,
  movePointerAway,
  release,
  startBuildPosts,
  waitForLinkRows,
} from './flows';
import { ui } from './hooks';

const STEP_TIMEOUT_MS = 15_000;
const BUILD_TIMEOUT_MS = 20_000;
const SHOP = `/v1/projects/${MONOREPO.projectId}`;

// The fixture is the shop's repository: its origin is the GitHub URL the emulator's "shop" project
// builds from, and its services and jobs each build a part of it, one with buildpacks. A person links
// them all in one step and builds each from its own Dockerfile. Web's seeded FAILURE is still its
// latest build here: the files before this one build the Migrate job only.

/** A screenshot with the side bar wide enough for the Builds view's descriptions, then back to its width. */
async function screenshotWide(name: string): Promise<void> {
  const { workbench } = ui();
  const width = await workbench.resizeSideBar(560);
  try {
    // A click on the empty editor area takes the focus, and its outline, off the view.
    await workbench.page.mouse.click(900, 700);
    await movePointerAway();
    await workbench.screenshot(name);
  } finally {
    await workbench.resizeSideBar(width);
  }
}

describe('A repository that several services and jobs build', () => {
  before(async function () {
    this.timeout(60_000);
    const { workbench } = ui();
    await signIn();
    // Start from no link at all, so that what Link Services ticks is only what it found.
    await linkServices([]);
    await workbench.northflankStatusItem().filter({ hasText: 'Northflank: link services' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    // It says so in the status bar for 5 s: gone before the screenshots.
    const message = workbench.statusBarItem('Northflank: workspace is linked to nothing').first();
    await message.waitFor({ timeout: STEP_TIMEOUT_MS });
    await message.waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS });
    await workbench.reset();
  });

  it('Link Services ticks exactly the services and jobs that build this repository, and links them with Enter', async () => {
    const { workbench } = ui();
    await workbench.runCommand('Northflank: Link Services…');
    await workbench.waitForQuickInput('Link workspace to Northflank');

    assert.deepEqual(await workbench.tickedQuickPickLabels(), ['API', 'Docs', 'Migrate', 'Web', 'Web Previews']);
    const listed = (await workbench.quickPickTicks()).map((row) => row.label);
    assert.equal(listed.length, Number(await workbench.quickPickRows().first().getAttribute('aria-setsize')), 'the list draws every row');
    assert.ok(listed.includes('Web Combined') && listed.includes('Nightly Report'), `others can be linked by hand: ${listed.join(', ')}`);
    assert.ok(!listed.includes('Shop DB') && !listed.includes('Database'), `a deployment service has no builds, yet it is listed: ${listed.join(', ')}`);
    await workbench.page.locator('.notification-toast', { hasText: 'Looking for the Northflank services' }).waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
    await movePointerAway();
    await workbench.screenshot('link-services');

    await answerLinkServices();
    await workbench.waitForNotification('Northflank: workspace builds API, Docs, Migrate, Web, Web Previews.');
    const expected = [
      { name: 'API', description: 'combined service · CI on' },
      { name: 'Docs', description: 'combined service · CI off' },
      { name: 'Migrate', description: 'job · CI on' },
      { name: 'Web', description: 'combined service · CI on' },
      { name: 'Web Previews', description: 'build service · CI on' },
    ];
    assert.deepEqual(await waitForLinkRows((rows) => isDeepStrictEqual(rows, expected)), expected);
    await workbench.northflankStatusItem().filter({ hasText: 'Web failed' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    await workbench.clearNotifications();
    await screenshotWide('builds-view-grouped-links');
  });

  it("builds API from its Dockerfile's menu with no question about the service, and shows it running while Web's last build failed", async () => {
    const { workbench, emulator } = ui();
    const from = emulator.requests.length;
    const buildsBefore = buildCount();
    await workbench.openExplorerContextMenu('services/api/Dockerfile');
    await workbench.chooseContextMenuItem('Build with Northflank');

    const { questions, id, name } = await acceptEveryQuestion(buildsBefore);
    hold(id, 'BUILDING');
    try {
      assert.equal(name, 'API');
      // The service's context is the Dockerfile's folder: only the target is asked.
      assert.deepEqual(questions, ['Start Build: target stage']);
      assert.deepEqual(
        startBuildPosts(from).map((post) => [post.path, post.body]),
        [
          [
            `${SHOP}/services/${MONOREPO.apiServiceId}/build`,
            // Enter keeps what the service is set up with: its context and its target stage.
            { sha: fixtureGit('rev-parse', 'HEAD'), overrides: { docker: { dockerFilePath: '/services/api/Dockerfile', dockerWorkDir: '/services/api', dockerfileTarget: 'runtime' } } },
          ],
        ],
      );

      const running = await buildRow(id);
      await running.locator('.codicon-sync.codicon-modifier-spin').waitFor({ timeout: BUILD_TIMEOUT_MS });
      assert.match(await running.innerText(), /Building · \d+s · \/services\/api\/Dockerfile:runtime/);
      await (await linkRow('API')).locator('.codicon-sync.codicon-modifier-spin').waitFor({ timeout: STEP_TIMEOUT_MS });
      await (await linkRow('Web')).locator('.codicon-error').waitFor({ timeout: STEP_TIMEOUT_MS });
      await (await buildRow('misty-canyon-2718')).locator('.codicon-error').waitFor({ timeout: STEP_TIMEOUT_MS });
      await workbench.northflankStatusItem().filter({ hasText: 'API building' }).waitFor({ timeout: STEP_TIMEOUT_MS });
      await workbench.clearNotifications();
      await screenshotWide('builds-view-running-and-failed');
    } finally {
      release(id);
    }
    await workbench.waitForNotification(/^Build of API main@[0-9a-f]{7} succeeded\.$/);
  });

  it("builds the Migrate job from its Dockerfile's menu, pressing Enter at every question", async () => {
    const { workbench, emulator } = ui();
    const from = emulator.requests.length;
    const buildsBefore = buildCount();
    await workbench.openExplorerContextMenu('jobs/migrate/Dockerfile');
    await workbench.chooseContextMenuItem('Build with Northflank');

    const { questions, name } = await acceptEveryQuestion(buildsBefore);
    assert.equal(name, 'Migrate');
    assert.deepEqual(questions, ['Start Build: build context'], 'the Dockerfile has no stages to choose from');
    assert.deepEqual(
      startBuildPosts(from).map((post) => [post.path, post.body]),
      [
        [
          `${SHOP}/jobs/${MONOREPO.migrateJobId}/build`,
          // The job's own context, the repository root, comes first.
          { sha: fixtureGit('rev-parse', 'HEAD'), overrides: { docker: { dockerFilePath: '/jobs/migrate/Dockerfile', dockerWorkDir: '/' } } },
        ],
      ],
    );
  });

  it('builds the buildpack service Docs from the Command Palette, with no question after which one', async () => {
    const { workbench, emulator } = ui();
    const from = emulator.requests.length;
    const buildsBefore = buildCount();
    await workbench.runCommand('Northflank: Start Build');
    await workbench.waitForQuickInput('Start Build: which service or job?');
    await movePointerAway();
    await workbench.screenshot('start-build-which-service');
    await workbench.answerQuickPick('Start Build: which service or job?', 'Docs');

    const { questions, name } = await acceptEveryQuestion(buildsBefore);
    assert.equal(name, 'Docs');
    assert.deepEqual(questions, [], 'no Dockerfile, context or target question for a buildpack build');
    assert.deepEqual(
      startBuildPosts(from).map((post) => [post.path, post.body]),
      [[`${SHOP}/services/${MONOREPO.docsServiceId}/build`, { sha: fixtureGit('rev-parse', 'HEAD') }]],
    );
  });
});
