import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SEED } from '../../emulator';
import { emulator, waitFor } from './environment';
import { CANCEL } from './startBuildScript';
import { buildRow, iconOf, LINKS, NOTICE_MS, useBuildsState, waitForRow, workspaceFolder } from './buildsState';
import type { BuildNode } from '../../../src/vscode/builds/buildTreeItems';
import type { StartBuildBody } from '../../../src/northflank/types';

const WEB_MAIN_SHA = '4f2c8e1a9b7d6c5e3f1a2b4c6d8e0f1a3b5c7d9e';
const API_LOGIN_SHA = 'b7e3c1d9f2a84e6b0c5d7f9a1e3b5c7d9f2a4e6b';

function posts(from: number) {
  return emulator()
    .requests.slice(from)
    .filter((request) => request.method === 'POST' && request.path.endsWith('/build'));
}

describe('Actions on a build in the Builds view', () => {
  const state = useBuildsState();

  async function row(buildId: string, link = LINKS.combined): Promise<BuildNode> {
    let found: BuildNode | undefined;
    await waitFor(async () => (found = await buildRow(state.tree(), link, buildId)) !== undefined, NOTICE_MS, `${buildId} to be listed`);
    return found!;
  }

  it('aborts a running build after the person confirms, and shows it ABORTED', async () => {
    const build = await state.startHeld('BUILDING');
    const prompter = state.script({ 'Abort build': 'Abort Build' });
    const from = emulator().requests.length;

    await vscode.commands.executeCommand('northflank.build.abort', await row(build.id));

    assert.equal(prompter.asked.length, 1, 'the abort was not confirmed first');
    assert.match(prompter.asked[0].title, new RegExp(`Abort build ${build.id}\\?`));
    const deletes = emulator()
      .requests.slice(from)
      .filter((request) => request.method === 'DELETE');
    assert.deepEqual(
      deletes.map((request) => request.path),
      [`/v1/projects/${SEED.projectId}/services/${SEED.combinedServiceId}/build/${build.id}`],
    );
    const aborted = await waitForRow(state.tree(), LINKS.combined, build.id, (r) => String(r.description).startsWith('Aborted'), 'shows Aborted');
    assert.equal(iconOf(aborted), 'circle-slash');
    assert.equal(aborted.contextValue, 'build.concluded.sha');
  });

  it('sends nothing when the person cancels the abort', async () => {
    const build = await state.startHeld('BUILDING');
    state.script({ 'Abort build': CANCEL });
    const from = emulator().requests.length;
    await vscode.commands.executeCommand('northflank.build.abort', await row(build.id));
    assert.deepEqual(
      emulator()
        .requests.slice(from)
        .filter((request) => request.method === 'DELETE'),
      [],
    );
  });

  it('re-runs a build started here with exactly the body that started it', async () => {
    const body: StartBuildBody = {
      sha: WEB_MAIN_SHA,
      overrides: { buildArguments: { NODE_ENV: 'production' }, docker: { dockerFilePath: '/services/api/Dockerfile', dockerWorkDir: '/services/api', dockerfileTarget: 'runtime' } },
    };
    const original = await state.startHeld('SUCCESS', LINKS.combined, body);
    const from = emulator().requests.length;
    await vscode.commands.executeCommand('northflank.build.rerun', await row(original.id));
    const sent = posts(from);
    assert.equal(sent.length, 1, 'the re-run did not send one start-build request');
    assert.deepEqual(sent[0].body, body);
  });

  it('re-runs a build started elsewhere with its sha', async () => {
    const original = await state.startHeld('FAILURE', LINKS.combined, { sha: WEB_MAIN_SHA }, false);
    await state.deps().builds.refresh();
    assert.equal(state.deps().builds.sentBody(original.id), undefined);
    const from = emulator().requests.length;
    await vscode.commands.executeCommand('northflank.build.rerun', await row(original.id));
    assert.deepEqual(
      posts(from).map((request) => request.body),
      [{ sha: WEB_MAIN_SHA }],
    );
  });

  it('re-runs a pull-request build started elsewhere with the same pull request and sha', async () => {
    await state.deps().links.setPersonal(workspaceFolder(), [LINKS.build]);
    const original = await state.startHeld('SUCCESS', LINKS.build, { pullRequestId: 12 }, false);
    await state.deps().builds.refresh();
    const from = emulator().requests.length;
    await vscode.commands.executeCommand('northflank.build.rerun', await row(original.id, LINKS.build));
    assert.deepEqual(
      posts(from).map((request) => request.body),
      [{ pullRequestId: 12, sha: API_LOGIN_SHA }],
    );
  });
});
