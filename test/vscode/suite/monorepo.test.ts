import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { MONOREPO } from '../../emulator';
import type { StoredLink } from '../../../src/vscode/links/buildableLink';
import { emulator, waitFor } from './environment';
import { fixtureGit, fixtureUri, startBuildPosts, TICKED, useStartBuildState, workspaceFolder } from './startBuildScript';

// The fixture's origin is the shop's GitHub URL (pushes reach a bare repository through insteadOf), and
// the emulator's "shop" project builds every part of it: what a team's monorepo looks like.

const SHOP = MONOREPO.projectId;
const API: StoredLink = { projectId: SHOP, serviceId: MONOREPO.apiServiceId, name: 'API', kind: 'combined' };
const WEB: StoredLink = { projectId: SHOP, serviceId: MONOREPO.webServiceId, name: 'Web', kind: 'combined' };
const PREVIEWS: StoredLink = { projectId: SHOP, serviceId: MONOREPO.webPreviewsServiceId, name: 'Web Previews', kind: 'build' };
const DOCS: StoredLink = { projectId: SHOP, serviceId: MONOREPO.docsServiceId, name: 'Docs', kind: 'combined' };
const MIGRATE: StoredLink = { projectId: SHOP, jobId: MONOREPO.migrateJobId, name: 'Migrate', kind: 'job' };
const EVERYTHING = [API, WEB, PREVIEWS, DOCS, MIGRATE];

const servicePath = (id: string) => `/v1/projects/${SHOP}/services/${id}/build`;
const jobPath = (id: string) => `/v1/projects/${SHOP}/jobs/${id}/build`;

function startBuild(from?: unknown): Thenable<unknown> {
  return from === undefined ? vscode.commands.executeCommand('northflank.startBuild') : vscode.commands.executeCommand('northflank.startBuild', from);
}

describe('A monorepo: every service and job that builds the repository', () => {
  const state = useStartBuildState();
  afterEach(async () => {
    await vscode.workspace.getConfiguration('northflank', workspaceFolder().uri).update('links', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
  });

  it('Link Services ticks exactly what builds this repository, and links it all in one step', async () => {
    const prompter = state.script({ 'Link workspace to Northflank': TICKED });

    await vscode.commands.executeCommand('northflank.linkServices');

    assert.deepEqual(prompter.unanswered, []);
    const question = prompter.question('Link workspace to Northflank');
    assert.deepEqual(question?.ticked, ['API', 'Docs', 'Migrate', 'Web', 'Web Previews']);
    for (const other of ['Web Combined', 'API Builder', 'Nightly Report']) assert.ok(question?.choices.includes(other), `${other} can still be linked by hand`);
    for (const deployment of ['Shop DB', 'Database']) assert.ok(!question?.choices.includes(deployment), `${deployment} cannot be built and is not offered`);
    const linked = state.deps().links.forFolder(workspaceFolder());
    assert.deepEqual(
      linked.map((link) => link.name).sort(),
      EVERYTHING.map((link) => link.name).sort(),
    );
    assert.ok(linked.every((link) => link.origin === 'personal'));
  });

  it("builds the service whose Dockerfile was right-clicked, asking nothing about the service", async () => {
    await state.deps().links.setPersonal(workspaceFolder(), EVERYTHING);
    const prompter = state.script({ ': build context': '/services/api', ': target stage': "The service's target (runtime)" });
    const from = emulator().requests.length;

    await startBuild(fixtureUri('services/api/Dockerfile'));

    assert.deepEqual(prompter.unanswered, []);
    assert.equal(prompter.question('which service or job'), undefined);
    assert.equal(prompter.question('build context'), undefined, "the service's context is the Dockerfile's folder, however its slashes are written");
    assert.equal(prompter.question('target stage')?.active, "The service's target (runtime)", "the service's own target is the default");
    const posts = startBuildPosts(from);
    assert.deepEqual(
      posts.map((post) => [post.path, post.body]),
      [[servicePath(MONOREPO.apiServiceId), { sha: fixtureGit('rev-parse', 'HEAD'), overrides: { docker: { dockerFilePath: '/services/api/Dockerfile', dockerWorkDir: '/services/api', dockerfileTarget: 'runtime' } } }]],
    );
  });

  it('builds the job whose Dockerfile was right-clicked, at HEAD, with the same overrides as a service', async () => {
    await state.deps().links.setPersonal(workspaceFolder(), EVERYTHING);
    const prompter = state.script({ ': build context': '/' });
    const from = emulator().requests.length;

    await startBuild(fixtureUri('jobs/migrate/Dockerfile'));

    assert.deepEqual(prompter.unanswered, []);
    assert.equal(prompter.question('which service or job'), undefined);
    assert.deepEqual(
      startBuildPosts(from).map((post) => [post.path, post.body]),
      [[jobPath(MONOREPO.migrateJobId), { sha: fixtureGit('rev-parse', 'HEAD'), overrides: { docker: { dockerFilePath: '/jobs/migrate/Dockerfile', dockerWorkDir: '/' } } }]],
    );
    const row = async () => state.deps().builds.groups().find((group) => 'jobId' in group.link)?.builds[0];
    await waitFor(async () => (await row()) !== undefined, 5_000, 'the job build to be shown');
  });

  it('asks once which service builds a Dockerfile two services share, and remembers the answer for that Dockerfile', async () => {
    await state.deps().links.setPersonal(workspaceFolder(), EVERYTHING);
    const prompter = state.script({ 'which service or job builds /services/web/Dockerfile.prod': 'Web', ': build context': '/services/web' });
    const from = emulator().requests.length;

    await startBuild(fixtureUri('services/web/Dockerfile.prod'));
    await startBuild(fixtureUri('services/web/Dockerfile.prod'));

    assert.deepEqual(prompter.unanswered, []);
    const asked = prompter.asked.filter((q) => q.title.includes('which service or job'));
    assert.equal(asked.length, 1, 'asked the first time only');
    assert.deepEqual(asked[0].choices, ['Web', 'Web Previews'], 'only the services that build it are offered');
    const posts = startBuildPosts(from);
    assert.deepEqual(
      posts.map((post) => post.path),
      [servicePath(MONOREPO.webServiceId), servicePath(MONOREPO.webServiceId)],
    );
  });

  it('builds a buildpack service with no Dockerfile question and no docker overrides; build arguments still apply', async () => {
    await state.deps().links.setPersonal(workspaceFolder(), EVERYTHING);
    const settings = vscode.workspace.getConfiguration('northflank', workspaceFolder().uri);
    await settings.update('buildArguments', { NODE_ENV: 'production' }, vscode.ConfigurationTarget.WorkspaceFolder);
    try {
      const prompter = state.script({ 'which service or job?': 'Docs' });
      const from = emulator().requests.length;

      await startBuild();

      assert.deepEqual(prompter.unanswered, []);
      assert.deepEqual(
        prompter.asked.map((q) => q.title),
        ['Start Build: which service or job?'],
        'no Dockerfile, context or target question',
      );
      assert.deepEqual(
        startBuildPosts(from).map((post) => [post.path, post.body]),
        [[servicePath(MONOREPO.docsServiceId), { sha: fixtureGit('rev-parse', 'HEAD'), overrides: { buildArguments: { NODE_ENV: 'production' } } }]],
      );
    } finally {
      await settings.update('buildArguments', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    }
  });

  it('reads the links a team shares in .vscode/settings.json, with the Dockerfile they name', async () => {
    await vscode.workspace
      .getConfiguration('northflank', workspaceFolder().uri)
      .update('links', [{ project: SHOP, service: MONOREPO.apiServiceId }, { project: SHOP, job: MONOREPO.migrateJobId, dockerfile: '/Dockerfile' }], vscode.ConfigurationTarget.WorkspaceFolder);
    const prompter = state.script({ ': build context': '/' });
    const from = emulator().requests.length;

    await startBuild(fixtureUri('Dockerfile'));

    assert.deepEqual(prompter.unanswered, []);
    const links = state.deps().links.forFolder(workspaceFolder());
    assert.deepEqual(
      links.map((link) => [link.name, link.origin]),
      [
        ['API', 'settings'],
        ['Migrate', 'settings'],
      ],
    );
    assert.deepEqual(
      startBuildPosts(from).map((post) => [post.path, post.body]),
      [[jobPath(MONOREPO.migrateJobId), { sha: fixtureGit('rev-parse', 'HEAD'), overrides: { docker: { dockerFilePath: '/Dockerfile', dockerWorkDir: '/' } } }]],
      "the setting's Dockerfile decides which link builds /Dockerfile",
    );
  });

  it('offers last time\'s choices first, so building again "like last time" sends the same body', async () => {
    await state.deps().links.setPersonal(workspaceFolder(), [API, WEB]);
    const first = state.script({
      'which service or job?': 'API',
      ': Dockerfile': '/services/api/Dockerfile',
      ': build context': '/services/api',
      ': target stage': 'build',
    });
    const from = emulator().requests.length;
    await startBuild();
    assert.deepEqual(first.unanswered, []);

    const second = state.script({ 'which service or job?': 'API', ': Dockerfile': 'Like last time' });
    await startBuild();

    assert.deepEqual(second.unanswered, []);
    assert.equal(second.question('which service or job?')?.choices[0], 'API', 'the last one built comes first');
    assert.equal(second.question(': Dockerfile')?.choices[0], 'Like last time');
    assert.equal(second.question('target stage'), undefined, 'like last time asks nothing more');
    const posts = startBuildPosts(from);
    assert.equal(posts.length, 2);
    assert.deepEqual(posts[1].body, posts[0].body);
    assert.deepEqual(posts[1].body, {
      sha: fixtureGit('rev-parse', 'HEAD'),
      overrides: { docker: { dockerFilePath: '/services/api/Dockerfile', dockerWorkDir: '/services/api', dockerfileTarget: 'build' } },
    });
  });

  it('groups the Builds view by linked service and job, naming the kind and whether CI is on', async () => {
    await state.deps().links.setPersonal(workspaceFolder(), EVERYTHING);
    const tree = state.deps().buildsTree;
    assert.ok(tree);
    await waitFor(async () => (await tree.getChildren()).length === EVERYTHING.length, 5_000, 'a group per link');
    const roots = await tree.getChildren();
    assert.deepEqual(
      roots.map((node) => node.label),
      EVERYTHING.map((link) => link.name),
    );
    const docs = roots.find((node) => node.label === 'Docs');
    assert.match(String(docs?.description), /^combined/);
    const migrate = roots.find((node) => node.label === 'Migrate');
    assert.match(String(migrate?.description), /^job/);
    assert.equal(migrate?.contextValue, 'link.job.personal');
  });
});
