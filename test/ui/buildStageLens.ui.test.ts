import * as assert from 'node:assert/strict';
import { MONOREPO } from '../emulator';
import { buildCount, fixtureGit, signIn, linkServices, movePointerAway, startBuildPosts, startedBuild } from './flows';
import { ui } from './hooks';

const STEP_TIMEOUT_MS = 15_000;
const API_BUILD = `/v1/projects/${MONOREPO.projectId}/services/${MONOREPO.apiServiceId}/build`;

// A person opens the API's Dockerfile, sees a build button above each stage and clicks one.

describe("Building a Dockerfile stage from its FROM line", () => {
  before(async function () {
    this.timeout(30_000);
    await signIn();
  });

  it("shows \"Build 'runtime' on API\" above the stage's FROM line, and a click builds that stage with no question", async () => {
    const { workbench, emulator } = ui();
    await linkServices(['API']);
    await workbench.statusBarItem('API').first().waitFor({ timeout: STEP_TIMEOUT_MS });
    await (await workbench.revealInExplorer('services/api/Dockerfile')).click();
    const lenses = workbench.page.locator('.editor-group-container.active .monaco-editor .codelens-decoration');
    const runtime = lenses.locator('a', { hasText: "Build 'runtime' on API" });
    const from = emulator.requests.length;
    const buildsBefore = buildCount();

    try {
      await runtime.waitFor({ timeout: STEP_TIMEOUT_MS });
      assert.deepEqual(
        (await lenses.allInnerTexts()).map((text) => text.trim()),
        ["Build 'build' on API", "Build 'runtime' on API"],
      );
      await workbench.clearNotifications();
      await movePointerAway();
      await workbench.screenshot('codelens-build-stage');

      await runtime.click();
      await startedBuild(buildsBefore);
      assert.equal(await workbench.quickInput().isVisible(), false, 'no question was asked');
    } finally {
      await workbench.runCommand('View: Close All Editors');
    }

    assert.deepEqual(
      startBuildPosts(from).map((post) => [post.path, post.body]),
      [[API_BUILD, { sha: fixtureGit('rev-parse', 'HEAD'), overrides: { docker: { dockerFilePath: '/services/api/Dockerfile', dockerWorkDir: '/services/api', dockerfileTarget: 'runtime' } } }]],
    );
  });
});
