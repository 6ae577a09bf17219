import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { MONOREPO, SEED } from '../../emulator';
import { emulator, waitFor } from './environment';
import { CANCEL, recordMessages } from './startBuildScript';
import { buildRow, iconOf, LINKS, NOTICE_MS, serviceNode, useBuildsState, waitForRow, workspaceFolder } from './buildsState';
import type { BuildNode } from '../../../src/vscode/builds/buildTreeItems';
import type { BuildableRef, StartBuildBody } from '../../../src/northflank/types';
import type { StoredLink } from '../../../src/vscode/links/buildableLink';

const WEB_MAIN_SHA = '4f2c8e1a9b7d6c5e3f1a2b4c6d8e0f1a3b5c7d9e';
const API_LOGIN_SHA = 'b7e3c1d9f2a84e6b0c5d7f9a1e3b5c7d9f2a4e6b';

function posts(from: number) {
  return emulator()
    .requests.slice(from)
    .filter((request) => request.method === 'POST' && request.path.endsWith('/build'));
}

describe('Actions on a build in the Builds view', () => {
  const state = useBuildsState();

  async function row(buildId: string, link: BuildableRef = LINKS.combined): Promise<BuildNode> {
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

  it('builds the link Start Northflank Build is run on, without asking which one', async () => {
    await state.deps().links.setPersonal(workspaceFolder(), [LINKS.combined, LINKS.build]);
    const prompter = state.script({ 'Start Build': CANCEL, 'what should API Builder build?': CANCEL });

    await vscode.commands.executeCommand('northflank.builds.startBuild', await serviceNode(state.tree(), LINKS.build));

    assert.equal(prompter.question('which service or job'), undefined, 'asked which link to build');
    assert.ok(prompter.question('what should API Builder build?'), `not a build of API Builder: ${JSON.stringify(prompter.asked)}`);
  });

  describe('on a job build', () => {
    const MIGRATE: StoredLink = { projectId: MONOREPO.projectId, jobId: MONOREPO.migrateJobId, name: 'Migrate', kind: 'job' };
    const jobBuilds = `/v1/projects/${MONOREPO.projectId}/jobs/${MONOREPO.migrateJobId}/build`;
    beforeEach(async () => {
      await state.deps().links.setPersonal(workspaceFolder(), [LINKS.combined, MIGRATE]);
    });

    it("opens the job build's log from the job's build-logs", async () => {
      const build = await state.startHeld('BUILDING', MIGRATE, {});
      const from = emulator().requests.length;
      await vscode.commands.executeCommand('northflank.build.viewLogs', await row(build.id, MIGRATE));
      const editor = vscode.window.activeTextEditor;
      assert.ok(editor && editor.document.uri.scheme === 'northflank-build-log', 'the log opened in an editor');
      assert.ok(
        emulator()
          .requests.slice(from)
          .some((request) => request.path === `/v1/projects/${MONOREPO.projectId}/jobs/${MONOREPO.migrateJobId}/build-logs`),
        'the log was read from the job path',
      );
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });

    it('aborts it on the job path, and announces nothing about an abort asked for here', async () => {
      const build = await state.startHeld('BUILDING', MIGRATE, {});
      state.script({ 'Abort build': 'Abort Build' });
      const messages = recordMessages();
      const from = emulator().requests.length;
      await vscode.commands.executeCommand('northflank.build.abort', await row(build.id, MIGRATE));
      await waitForRow(state.tree(), MIGRATE, build.id, (r) => String(r.description).startsWith('Aborted'), 'shows Aborted');
      // Longer than conclusions are gathered for before they are announced.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      assert.deepEqual(
        emulator()
          .requests.slice(from)
          .filter((request) => request.method === 'DELETE')
          .map((request) => request.path),
        [`${jobBuilds}/${build.id}`],
      );
      // Builds earlier tests let go may conclude meanwhile; none of what is said may be this abort.
      assert.deepEqual(
        messages.shown.filter((message) => /was aborted/.test(message.text)).map((message) => message.text),
        [],
      );
    });

    it('re-runs it on the job path with the body that started it', async () => {
      const body: StartBuildBody = { sha: WEB_MAIN_SHA, overrides: { docker: { dockerFilePath: '/jobs/migrate/Dockerfile', dockerWorkDir: '/' } } };
      const original = await state.startHeld('SUCCESS', MIGRATE, body);
      const from = emulator().requests.length;
      await vscode.commands.executeCommand('northflank.build.rerun', await row(original.id, MIGRATE));
      assert.deepEqual(
        posts(from).map((request) => [request.path, request.body]),
        [[jobBuilds, body]],
      );
    });

    it('re-runs a job build started elsewhere with its sha only', async () => {
      const original = await state.startHeld('FAILURE', MIGRATE, { sha: WEB_MAIN_SHA }, false);
      await state.deps().builds.refresh();
      const from = emulator().requests.length;
      await vscode.commands.executeCommand('northflank.build.rerun', await row(original.id, MIGRATE));
      assert.deepEqual(
        posts(from).map((request) => [request.path, request.body]),
        [[jobBuilds, { sha: WEB_MAIN_SHA }]],
      );
    });
  });
});
