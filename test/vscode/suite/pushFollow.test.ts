import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { MONOREPO, type RecordedRequest } from '../../emulator';
import { installCiPushHook } from '../../fixtures/ciPushHook';
import { git, SHOP_REPOSITORY_URL } from '../../fixtures/workspace';
import type { StoredLink } from '../../../src/vscode/links/buildableLink';
import type { PushSearchTiming } from '../../../src/watch/pushSearch';
import { emulator, waitFor, workspaceRoot } from './environment';
import { serviceRows } from './buildsState';
import { fixtureGit, fixtureOrigin, recordMessages, resetFixtureRepository, useStartBuildState, workspaceFolder } from './startBuildScript';
import type { BuildNode } from '../../../src/vscode/builds/buildTreeItems';

// The fixture's origin runs a post-receive hook that tells the emulator what was pushed, and the
// emulator's CI starts builds of it, as Northflank's does: the extension only sees the remote-tracking
// ref move, then looks for the builds.

const SHOP = MONOREPO.projectId;
const API: StoredLink = { projectId: SHOP, serviceId: MONOREPO.apiServiceId, name: 'API', kind: 'combined' };
const WEB: StoredLink = { projectId: SHOP, serviceId: MONOREPO.webServiceId, name: 'Web', kind: 'combined' };
/** The default schedule's shape, ten times quicker, so that giving up takes seconds. */
const QUICK: PushSearchTiming = { delaysMs: [300, 600, 1_200, 2_400], maxRequests: 6, jobEvery: 2, clockSlackMs: 60_000 };

/** Not the fixture's synchronous git: the hook calls the emulator, which answers from this very process. */
async function push(...args: string[]): Promise<void> {
  await promisify(execFile)('git', ['push', '--quiet', ...args], { cwd: workspaceRoot().fsPath });
}

function commit(message: string): string {
  fixtureGit('commit', '--quiet', '--allow-empty', '-m', message);
  return fixtureGit('rev-parse', 'HEAD');
}

const shopRequests = (from: number): RecordedRequest[] => emulator().requests.slice(from).filter((request) => request.path.startsWith(`/v1/projects/${SHOP}/`));

describe('A push from this window: the build CI starts is followed in the Builds view', () => {
  const state = useStartBuildState();
  // Inner, so that the hook is gone before the outer afterEach force-pushes main back: that push must start no CI build.
  describe('with CI on the origin', () => {
    let hook: string | undefined;
    beforeEach(async () => {
      hook = installCiPushHook(fixtureOrigin(), emulator().url, SHOP_REPOSITORY_URL);
      const deps = state.deps();
      deps.pushSearchTiming = QUICK;
      // What Link Services learns of them: both build main with CI on.
      deps.catalog.rememberDiscovered([API, WEB].map((link) => ({ ref: link, name: link.name, kind: 'combined' as const, ciOn: true })));
      await deps.links.setPersonal(workspaceFolder(), [API, WEB]);
      await deps.buildsTree?.getChildren();
      await deps.builds.refresh();
    });
    afterEach(async () => {
      if (hook) rmSync(hook);
      hook = undefined;
      const deps = state.deps();
      deps.pushSearchTiming = undefined;
      const web = emulator().state.services.find((service) => service.id === MONOREPO.webServiceId);
      if (web) web.disabledCI = undefined;
      // Main goes back with nothing linked, and the extension sees that push before the next test links anything.
      await deps.links.setPersonal(workspaceFolder(), []);
      resetFixtureRepository();
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    });

    it('shows the build of the pushed commit under each linked service, follows it and announces how it ended', async () => {
      state.script({});
      const messages = recordMessages();
      const sha = commit('Checkout: remember the cart');
      await push();
      // CI has started the builds by the time the push returns: hold them running, to see them followed.
      const started = emulator().state.builds.filter((build) => build.sha === sha);
      assert.equal(started.filter((build) => [API.serviceId, WEB.serviceId].includes(build.parent.id)).length, 2, 'the emulator CI started no build');
      for (const build of started) build.fixed = { status: 'BUILDING' };

      const tree = state.deps().buildsTree;
      assert.ok(tree);
      const pushedRow = async (link: StoredLink) => (await serviceRows(tree, link)).find((row) => 'build' in row && (row as BuildNode).build.sha === sha) as BuildNode | undefined;
      await waitFor(async () => (await pushedRow(API))?.description?.toString().startsWith('Building') === true, 8_000, 'the pushed build under API, building');
      assert.ok(await pushedRow(WEB), 'the pushed build under Web');

      for (const build of started) build.fixed = { status: 'SUCCESS', concludedAt: Date.now() };
      const short = sha.slice(0, 7);
      const texts = () => messages.shown.map((message) => message.text).join('\n');
      await waitFor(() => [API, WEB].every((link) => texts().includes(`${link.name} main@${short} succeeded`)), 10_000, 'the conclusion notification for API and Web');
    });

    it('says quietly under the link that no build appeared when CI builds nothing, after at most 6 requests', async () => {
      state.script({});
      const messages = recordMessages();
      // The catalog still says CI is on, as it would until the next list; Northflank builds nothing.
      const web = emulator().state.services.find((service) => service.id === MONOREPO.webServiceId);
      assert.ok(web);
      web.disabledCI = true;
      await state.deps().links.setPersonal(workspaceFolder(), [WEB]);
      // The view reloads on a link change; that list is not the search's.
      await state.deps().builds.refresh();
      const from = emulator().requests.length;
      const sha = commit('Docs: nothing to build');
      await push();

      const tree = state.deps().buildsTree;
      assert.ok(tree);
      const note = `No build of ${sha.slice(0, 7)} appeared after the push`;
      await waitFor(async () => (await serviceRows(tree, WEB)).some((row) => row.label === note), 10_000, 'the quiet note under Web');
      const asked = shopRequests(from);
      assert.ok(asked.length > 0 && asked.length <= 6, `${asked.length} requests: ${asked.map((request) => request.path).join(', ')}`);
      assert.deepEqual(messages.shown.map((message) => message.text), [], 'no toast for a push nothing built');
    });

    it('takes a fetch of a commit a teammate pushed for no push from here, and asks nothing', async () => {
      const teammate = mkdtempSync(join(tmpdir(), 'nf-teammate-'));
      try {
        git(teammate, ['clone', '--quiet', fixtureOrigin(), '.']);
        git(teammate, ['commit', '--quiet', '--allow-empty', '-m', 'Elsewhere']);
        await promisify(execFile)('git', ['push', '--quiet'], { cwd: teammate });
        const from = emulator().requests.length;
        fixtureGit('fetch', '--quiet', 'origin');
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        assert.notEqual(fixtureGit('rev-parse', 'origin/main'), fixtureGit('rev-parse', 'HEAD'), 'the fetch moved origin/main');
        assert.deepEqual(shopRequests(from).map((request) => request.path), []);
      } finally {
        rmSync(teammate, { recursive: true, force: true });
      }
    });
  });
});
