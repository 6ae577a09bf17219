import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { type Emulator, MONOREPO, startEmulator } from '../emulator';
import { installCiPushHook } from '../fixtures/ciPushHook';
import { createWorkspaceFixture, git, SHOP_REPOSITORY_URL, type WorkspaceFixture } from '../fixtures/workspace';

const SHA = '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c';

async function push(emulator: Emulator, body: unknown): Promise<{ status: number; json: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any -- answers are checked field by field
  const answer = await fetch(`${emulator.url}/__test/push`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: answer.status, json: await answer.json() };
}

function builtParents(emulator: Emulator, sha: string): string[] {
  return emulator.state.builds.filter((build) => build.sha === sha).map((build) => `${build.parent.kind}:${build.parent.id}`).sort();
}

describe('Emulator: CI builds what is pushed (test-only push route)', () => {
  let emulator: Emulator | undefined;
  let fixture: WorkspaceFixture | undefined;
  afterEach(async () => {
    await emulator?.stop();
    emulator = undefined;
    fixture?.remove();
    fixture = undefined;
  });

  it('answers 404 on the push route and starts nothing unless started with ciPushHook', async () => {
    emulator = await startEmulator();
    const before = emulator.state.builds.length;
    const answer = await push(emulator, { repositoryUrl: SHOP_REPOSITORY_URL, branch: 'main', sha: SHA });
    assert.equal(answer.status, 404);
    assert.equal(emulator.state.builds.length, before);
    assert.deepEqual(emulator.requests, [], 'the control route is not an API request');
  });

  it('starts a build on each service and job with CI on that builds the pushed branch of that repository', async () => {
    emulator = await startEmulator({ ciPushHook: true });
    const answer = await push(emulator, { repositoryUrl: `${SHOP_REPOSITORY_URL}.git`, branch: 'main', sha: SHA });
    assert.equal(answer.status, 200);
    assert.equal(answer.json.data.builds.length, 4);
    // Docs has CI off; the nightly report builds another repository; the database builds nothing.
    assert.deepEqual(builtParents(emulator, SHA), [`job:${MONOREPO.migrateJobId}`, `service:${MONOREPO.apiServiceId}`, `service:${MONOREPO.webServiceId}`, `service:${MONOREPO.webPreviewsServiceId}`]);
    assert.ok(emulator.state.builds.filter((build) => build.sha === SHA).every((build) => build.branch === 'main'));
  });

  it('builds another branch only on build services, which take any branch', async () => {
    emulator = await startEmulator({ ciPushHook: true });
    await push(emulator, { repositoryUrl: SHOP_REPOSITORY_URL, branch: 'feature/cart', sha: SHA });
    assert.deepEqual(builtParents(emulator, SHA), [`service:${MONOREPO.webPreviewsServiceId}`]);
  });

  it('refuses a push without a 40-digit sha', async () => {
    emulator = await startEmulator({ ciPushHook: true });
    assert.equal((await push(emulator, { repositoryUrl: SHOP_REPOSITORY_URL, branch: 'main', sha: 'abc' })).status, 400);
  });

  it("runs from a fixture's bare origin: a git push starts the builds of the pushed commit", async () => {
    emulator = await startEmulator({ ciPushHook: true });
    fixture = createWorkspaceFixture({ originUrl: SHOP_REPOSITORY_URL });
    installCiPushHook(fixture.originDir, emulator.url, SHOP_REPOSITORY_URL);
    git(fixture.dir, ['commit', '--quiet', '--allow-empty', '-m', 'Trigger CI']);
    const sha = git(fixture.dir, ['rev-parse', 'HEAD']);
    // Not execFileSync: the hook calls this process's emulator, which must go on answering during the push.
    await promisify(execFile)('git', ['push', '--quiet'], { cwd: fixture.dir });
    assert.equal(builtParents(emulator, sha).length, 4);
  });
});
