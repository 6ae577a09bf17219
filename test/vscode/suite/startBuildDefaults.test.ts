import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { MONOREPO } from '../../emulator';
import type { StoredLink } from '../../../src/vscode/links/buildableLink';
import { BACK } from '../../../src/vscode/prompter';
import { emulator, workspaceRoot } from './environment';
import { ENTER, fixtureGit, InTurn, fixtureUri, startBuildPosts, useStartBuildState, whenCreated, workspaceFolder } from './startBuildScript';

// The service of the report: API in the shop project, a combined service whose configured Dockerfile is
// /services/api/Dockerfile, context /services/api and target runtime. Every test presses only Enter
// (unless it says otherwise) and checks the exact body that reached the API.

const API: StoredLink = { projectId: MONOREPO.projectId, serviceId: MONOREPO.apiServiceId, name: 'API', kind: 'combined' };
const API_BUILD = `/v1/projects/${MONOREPO.projectId}/services/${MONOREPO.apiServiceId}/build`;

/** Adds files to the fixture in a commit on main, pushed, as a teammate's Dockerfiles would be. */
function commitFiles(files: Record<string, string>): string {
  for (const [path, content] of Object.entries(files)) {
    const target = join(workspaceRoot().fsPath, ...path.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  fixtureGit('add', '--all');
  fixtureGit('commit', '--quiet', '-m', 'Add Dockerfiles');
  fixtureGit('push', '--quiet', 'origin', 'main');
  return fixtureGit('rev-parse', 'HEAD');
}

const WEB_DOCKERFILE = 'FROM node:20 AS build\nRUN echo build\nFROM node:20-slim AS runtime\nCMD ["node"]\nFROM busybox AS debug\nCMD ["sh"]\n';

function startBuild(from?: vscode.Uri): Thenable<unknown> {
  return from === undefined ? vscode.commands.executeCommand('northflank.startBuild') : vscode.commands.executeCommand('northflank.startBuild', from);
}

describe('Start Build defaults: Enter at every question sends the right body', () => {
  const state = useStartBuildState();
  beforeEach(async () => {
    await state.deps().links.setPersonal(workspaceFolder(), [API]);
  });

  it("builds the service's own Dockerfile in its context with its target, asking only for the target", async () => {
    const prompter = state.script({}, ENTER);
    const from = emulator().requests.length;

    await startBuild(fixtureUri('services/api/Dockerfile'));

    assert.deepEqual(
      prompter.asked.map((q) => q.title),
      ['Start Build: target stage'],
      "the context configured as /services/api is the Dockerfile's folder: no question",
    );
    assert.deepEqual(prompter.question('target stage')?.choices, ["The service's target (runtime)", 'build']);
    assert.deepEqual(
      startBuildPosts(from).map((post) => [post.path, post.body]),
      [[API_BUILD, { sha: fixtureGit('rev-parse', 'HEAD'), overrides: { docker: { dockerFilePath: '/services/api/Dockerfile', dockerWorkDir: '/services/api', dockerfileTarget: 'runtime' } } }]],
    );
  });

  it("builds another Dockerfile in its own folder, not in the service's context", async () => {
    const sha = commitFiles({ 'docker/web.Dockerfile': WEB_DOCKERFILE });
    const prompter = state.script({}, ENTER);
    const from = emulator().requests.length;

    await startBuild(fixtureUri('docker/web.Dockerfile'));

    assert.deepEqual(prompter.question('build context')?.choices, ['/docker', '/services/api']);
    assert.equal(prompter.question('build context')?.active, '/docker');
    assert.deepEqual(
      startBuildPosts(from).map((post) => post.body),
      [{ sha, overrides: { docker: { dockerFilePath: '/docker/web.Dockerfile', dockerWorkDir: '/docker', dockerfileTarget: 'runtime' } } }],
    );
  });

  it('builds the root Dockerfile from the root', async () => {
    const prompter = state.script({}, ENTER);
    const from = emulator().requests.length;

    await startBuild(fixtureUri('Dockerfile'));

    assert.equal(prompter.question('build context')?.active, '/');
    assert.deepEqual(
      startBuildPosts(from).map((post) => post.body),
      [{ sha: fixtureGit('rev-parse', 'HEAD'), overrides: { docker: { dockerFilePath: '/Dockerfile', dockerWorkDir: '/' } } }],
    );
  });

  it("names the target choices for what they send, and sends the last stage by name when the service's target is another", async () => {
    const sha = commitFiles({ 'docker/web.Dockerfile': WEB_DOCKERFILE });
    const prompter = state.script({ ': target stage': 'debug' }, ENTER);
    const from = emulator().requests.length;

    await startBuild(fixtureUri('docker/web.Dockerfile'));

    const question = prompter.question('target stage');
    assert.deepEqual(question?.choices, ["The service's target (runtime)", 'build', 'debug']);
    assert.equal(question?.active, "The service's target (runtime)");
    assert.deepEqual(
      startBuildPosts(from).map((post) => post.body),
      [{ sha, overrides: { docker: { dockerFilePath: '/docker/web.Dockerfile', dockerWorkDir: '/docker', dockerfileTarget: 'debug' } } }],
      'no target would build "runtime", not the last stage',
    );
  });

  it("from the palette, offers the service's Dockerfile first and says where each question stands", async () => {
    const prompter = state.script({}, ENTER);
    const from = emulator().requests.length;

    await startBuild();

    assert.deepEqual(
      prompter.asked.map((q) => [q.title, q.back]),
      [
        ['Start Build (1/2): Dockerfile', false],
        ['Start Build (2/2): target stage', true],
      ],
    );
    assert.equal(prompter.question('Dockerfile')?.active, '/services/api/Dockerfile');
    assert.deepEqual(
      startBuildPosts(from).map((post) => post.body),
      [{ sha: fixtureGit('rev-parse', 'HEAD'), overrides: { docker: { dockerFilePath: '/services/api/Dockerfile', dockerWorkDir: '/services/api', dockerfileTarget: 'runtime' } } }],
    );
  });

  it('goes Back from the target to the Dockerfile, and builds what is chosen then', async () => {
    const prompter = state.script({ ': target stage': BACK, ': Dockerfile': new InTurn(ENTER, '/services/web/Dockerfile.prod') }, ENTER);
    const from = emulator().requests.length;

    await startBuild();

    assert.deepEqual(
      prompter.asked.map((q) => q.title),
      ['Start Build (1/2): Dockerfile', 'Start Build (2/2): target stage', 'Start Build (1/2): Dockerfile', 'Start Build (2/2): build context'],
    );
    assert.deepEqual(
      startBuildPosts(from).map((post) => post.body),
      [{ sha: fixtureGit('rev-parse', 'HEAD'), overrides: { docker: { dockerFilePath: '/services/web/Dockerfile.prod', dockerWorkDir: '/services/web' } } }],
    );
  });

  it('lists a Dockerfile whose path the API refuses, with why, and never builds it', async () => {
    // Start Build lists what VS Code's file watcher has reported, as a person's would a moment after the commit.
    const seen = whenCreated(['my app/Dockerfile']);
    commitFiles({ 'my app/Dockerfile': 'FROM nginx\n' });
    await seen;
    const prompter = state.script({}, ENTER);
    const from = emulator().requests.length;

    await startBuild();

    const question = prompter.question('Dockerfile');
    assert.ok(question?.disabled.includes('/my app/Dockerfile'), JSON.stringify(question));
    assert.notEqual(question?.active, '/my app/Dockerfile');
    assert.equal(startBuildPosts(from).length, 1);
    assert.equal((startBuildPosts(from)[0].body as { overrides: { docker: { dockerFilePath: string } } }).overrides.docker.dockerFilePath, '/services/api/Dockerfile');
  });
});
