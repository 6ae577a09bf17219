import * as assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { MONOREPO } from '../../emulator';
import type { StoredLink } from '../../../src/vscode/links/buildableLink';
import { emulator, workspaceRoot } from './environment';
import { ENTER, fixtureGit, fixtureUri, LINKS, recordMessages, startBuildPosts, useStartBuildState, workspaceFolder } from './startBuildScript';

// Northflank builds a commit, not the files on disk: the Dockerfile chosen must be in that commit.

const API: StoredLink = { projectId: MONOREPO.projectId, serviceId: MONOREPO.apiServiceId, name: 'API', kind: 'combined' };

function onDisk(path: string): string {
  return join(workspaceRoot().fsPath, ...path.split('/'));
}

function startBuild(from: vscode.Uri): Thenable<unknown> {
  return vscode.commands.executeCommand('northflank.startBuild', from);
}

describe('Start Build builds what is committed', () => {
  const state = useStartBuildState();
  let messages: ReturnType<typeof recordMessages>;
  beforeEach(async () => {
    await state.deps().links.setPersonal(workspaceFolder(), [API]);
    messages = recordMessages();
  });

  const said = (pattern: RegExp) => messages.shown.filter((message) => pattern.test(message.text)).map((message) => `${message.severity}: ${message.text}`);

  it('refuses a Dockerfile that is not in the commit, and says to commit and push it', async () => {
    mkdirSync(onDisk('docker'), { recursive: true });
    writeFileSync(onDisk('docker/new.Dockerfile'), 'FROM nginx\n');
    state.script({}, ENTER);
    const from = emulator().requests.length;

    await startBuild(fixtureUri('docker/new.Dockerfile'));

    assert.deepEqual(startBuildPosts(from), []);
    const head = fixtureGit('rev-parse', '--short=7', 'HEAD');
    assert.deepEqual(said(/not in/), [
      `error: Northflank: /docker/new.Dockerfile is not in commit ${head}, which is what Northflank builds. Commit and push it, then start the build again. Nothing was sent.`,
    ]);
  });

  it('builds a Dockerfile with uncommitted changes, warning that the committed version is built', async () => {
    appendFileSync(onDisk('services/api/Dockerfile'), '# a change not yet committed\n');
    state.script({}, ENTER);
    const from = emulator().requests.length;

    await startBuild(fixtureUri('services/api/Dockerfile'));

    assert.equal(startBuildPosts(from).length, 1);
    const head = fixtureGit('rev-parse', '--short=7', 'HEAD');
    assert.deepEqual(said(/changes|uncommitted/i), [
      `warning: Northflank: /services/api/Dockerfile has changes that are not in commit ${head}; Northflank builds the committed version.`,
    ]);
  });

  it('builds a committed, unchanged Dockerfile in a tree with other changes, warning once that they are not built', async () => {
    writeFileSync(onDisk('notes.txt'), 'not committed\n');
    appendFileSync(onDisk('README.md'), 'A line not committed.\n');
    state.script({}, ENTER);
    const from = emulator().requests.length;

    await startBuild(fixtureUri('services/api/Dockerfile'));

    assert.equal(startBuildPosts(from).length, 1);
    const head = fixtureGit('rev-parse', '--short=7', 'HEAD');
    assert.deepEqual(
      messages.shown.filter((message) => message.severity !== 'information'),
      [{ severity: 'warning', text: `Northflank: 1 changed file and 1 untracked file are not committed, so the build of ${head} will not include them.`, actions: [] }],
    );
  });

  it('builds a committed, unchanged Dockerfile with no warning at all', async () => {
    state.script({}, ENTER);
    const from = emulator().requests.length;

    await startBuild(fixtureUri('services/api/Dockerfile'));

    assert.equal(startBuildPosts(from).length, 1);
    assert.deepEqual(
      messages.shown.filter((message) => message.severity !== 'information'),
      [],
    );
  });

  it("checks a branch build against the branch's remote head, not the local commit", async () => {
    await state.deps().links.setPersonal(workspaceFolder(), [LINKS.build]);
    mkdirSync(onDisk('docker'), { recursive: true });
    writeFileSync(onDisk('docker/local.Dockerfile'), 'FROM nginx\n');
    fixtureGit('add', '--all');
    fixtureGit('commit', '--quiet', '-m', 'Committed, not pushed');
    state.script({ 'HEAD is not pushed': 'Build Anyway' }, ENTER);
    const from = emulator().requests.length;

    await startBuild(fixtureUri('docker/local.Dockerfile'));

    assert.deepEqual(startBuildPosts(from), []);
    assert.deepEqual(said(/not in/).map((text) => text.replace(/\. Commit.*/, '')), ['error: Northflank: /docker/local.Dockerfile is not in origin/main, which is what Northflank builds']);
  });
});
