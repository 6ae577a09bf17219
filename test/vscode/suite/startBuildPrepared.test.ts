import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { MONOREPO } from '../../emulator';
import type { StoredLink } from '../../../src/vscode/links/buildableLink';
import { emulator, waitFor, workspaceRoot } from './environment';
import { CANCEL, ENTER, fixtureGit, recordMessages, startBuildPosts, useStartBuildState, whenCreated, workspaceFolder } from './startBuildScript';

// What Start Build can know before Enter, it does not wait for after it: the service's settings come
// from the catalog (read again after the build), and the Dockerfiles from an index a watcher keeps.

const API: StoredLink = { projectId: MONOREPO.projectId, serviceId: MONOREPO.apiServiceId, name: 'API', kind: 'combined' };
const API_PATH = `/v1/projects/${MONOREPO.projectId}/services/${MONOREPO.apiServiceId}`;

function startBuild(): Thenable<unknown> {
  return vscode.commands.executeCommand('northflank.startBuild');
}

function serviceReads(from: number): number[] {
  return emulator()
    .requests.slice(from)
    .flatMap((request, index) => (request.method === 'GET' && request.path === API_PATH ? [index] : []));
}

/** The builds of the API service Northflank has started. */
function apiBuilds(): number {
  return emulator().state.builds.filter((build) => build.parent.id === MONOREPO.apiServiceId).length;
}

function apiService() {
  const service = emulator().state.services.find((candidate) => candidate.id === MONOREPO.apiServiceId);
  assert.ok(service, 'the monorepo seed has the API service');
  return service;
}

describe('Start Build sends from what it already knows', () => {
  const state = useStartBuildState();
  beforeEach(async () => {
    await state.deps().links.setPersonal(workspaceFolder(), [API]);
    // A first build reads the service's settings: before it if no earlier one has, else after it.
    state.script({}, ENTER);
    const from = emulator().requests.length;
    await startBuild();
    await waitFor(() => serviceReads(from).length > 0, 5_000, "the first build's read of the service");
  });
  afterEach(() => {
    delete apiService().buildpack;
  });

  it("sends with no request before its own once the service's settings are known, and reads them again after it", async () => {
    state.script({}, ENTER);
    const from = emulator().requests.length;

    await startBuild();

    const posts = startBuildPosts(from);
    assert.equal(posts.length, 1);
    const postIndex = emulator().requests.indexOf(posts[0]) - from;
    assert.deepEqual(
      serviceReads(from).filter((index) => index < postIndex),
      [],
      'no read of the service before the build request',
    );
    await waitFor(() => serviceReads(from).some((index) => index > postIndex), 5_000, 'the settings read again after the build');
  });

  it('says when a refused field came from settings changed in Northflank, and the next build follows the new ones', async () => {
    // The service now builds with buildpacks; the catalog still says Dockerfile, so the build sends Dockerfile overrides.
    apiService().buildpack = { builder: 'HEROKU_24', buildContext: '/services/api' };
    state.script({}, ENTER);
    const messages = recordMessages();
    const from = emulator().requests.length;
    const builds = apiBuilds();

    await startBuild();

    assert.equal(startBuildPosts(from).length, 1, 'one build request');
    assert.equal(apiBuilds(), builds, 'Northflank refused it');
    assert.ok(messages.shown.some((message) => message.severity === 'error' && message.text.includes('HTTP 400')), 'the refusal is shown');
    await waitFor(() => messages.shown.some((message) => message.text.includes("API's build settings had changed in Northflank")), 5_000, 'the message that the settings changed');
    assert.deepEqual(messages.shown.find((message) => message.text.includes('had changed'))?.actions, ['Start Build']);

    const prompter = state.script({}, ENTER);
    const again = emulator().requests.length;
    await startBuild();

    assert.equal(apiBuilds(), builds + 1, 'the next build was started');
    assert.equal(prompter.question(': Dockerfile'), undefined, 'a buildpack build asks for no Dockerfile');
    const [post] = startBuildPosts(again);
    assert.ok(post, 'the build was sent');
    assert.equal((post.body as { overrides?: { docker?: unknown } }).overrides?.docker, undefined, 'no Dockerfile overrides for a buildpack build');
  });

  it('sends a build of the commit read before without waiting for git, and asks git again once there is a new commit', async function () {
    this.timeout(20_000);
    // The fixture's refs were just reset: a read is kept only of files that have not changed for 2 s.
    await new Promise((resolveWait) => setTimeout(resolveWait, 2_100));
    // Earlier tests built the same commit: what they kept of it goes.
    await state.deps().context.workspaceState.update('northflank.committedEntries', undefined);
    state.script({}, ENTER);
    let from = emulator().requests.length;
    await startBuild();
    const [read] = startBuildPosts(from);
    assert.ok(read, 'the build that read the repository was sent');
    // What the commit holds at the Dockerfile's path is kept after the build, by the commit's id.
    const sha = fixtureGit('rev-parse', 'HEAD');
    const kept = () => state.deps().context.workspaceState.get<{ key: string }[]>('northflank.committedEntries') ?? [];
    await waitFor(() => kept().some((entry) => entry.key.startsWith(`${sha}\0`)), 5_000, "the commit's Dockerfile entry to be kept");

    // git is not on PATH: a build that waited for git would fail before sending.
    const path = process.env.PATH;
    process.env.PATH = mkdtempSync(join(tmpdir(), 'nf-no-git-'));
    try {
      state.script({}, ENTER);
      from = emulator().requests.length;
      await startBuild();
    } finally {
      process.env.PATH = path;
    }
    const [remembered] = startBuildPosts(from);
    assert.ok(remembered, 'the build was sent without git');
    assert.deepEqual(remembered.body, read.body, 'the same commit, sent the same way');

    fixtureGit('commit', '--quiet', '--allow-empty', '-m', 'next');
    fixtureGit('push', '--quiet', 'origin', 'main');
    state.script({}, ENTER);
    from = emulator().requests.length;
    await startBuild();
    const [next] = startBuildPosts(from);
    assert.equal((next?.body as { sha?: string } | undefined)?.sha, fixtureGit('rev-parse', 'HEAD'), 'the new commit is built');
  });

  it('offers a Dockerfile created after the first build, and not one deleted since', async () => {
    const folder = join(workspaceRoot().fsPath, 'services', 'extra');
    const offered = async (): Promise<string[]> => {
      const prompter = state.script({ ': Dockerfile': CANCEL }, ENTER);
      await startBuild();
      return prompter.question(': Dockerfile')?.choices ?? [];
    };
    try {
      assert.ok(!(await offered()).includes('/services/extra/Dockerfile'));

      const seen = whenCreated(['services/extra/Dockerfile']);
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, 'Dockerfile'), 'FROM busybox\n');
      await seen;
      assert.ok((await offered()).includes('/services/extra/Dockerfile'), 'the new Dockerfile is offered');

      rmSync(folder, { recursive: true, force: true });
      assert.ok(!(await offered()).includes('/services/extra/Dockerfile'), 'the deleted Dockerfile is not offered, even before its event');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
