import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { MONOREPO } from '../../emulator';
import type { StoredLink } from '../../../src/vscode/links/buildableLink';
import { emulator } from './environment';
import { ENTER, fixtureGit, fixtureUri, recordMessages, startBuildPosts, useStartBuildState, workspaceFolder } from './startBuildScript';

// The lenses above a Dockerfile's stages, asked for the way the editor asks, and clicked the way a lens
// is clicked: its command with its arguments. API (shop) is a combined service built from
// services/api/Dockerfile (stages build and runtime), with context /services/api and target runtime.

const API: StoredLink = { projectId: MONOREPO.projectId, serviceId: MONOREPO.apiServiceId, name: 'API', kind: 'combined' };
const API_BUILD = `/v1/projects/${MONOREPO.projectId}/services/${MONOREPO.apiServiceId}/build`;

async function stageLenses(path: string): Promise<vscode.CodeLens[]> {
  // The editor asks for the lenses of an open document only.
  const document = await vscode.workspace.openTextDocument(fixtureUri(path));
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
  return lenses.filter((lens) => lens.command?.command === 'northflank.buildStage' || lens.command?.title.includes('$(circle-slash)'));
}

async function click(lens: vscode.CodeLens | undefined): Promise<void> {
  assert.ok(lens?.command, 'no lens to click');
  await vscode.commands.executeCommand(lens.command.command, ...(lens.command.arguments ?? []));
}

describe("Build a stage from its FROM line (the stage's lens)", () => {
  const state = useStartBuildState();
  afterEach(async () => {
    await vscode.workspace.getConfiguration('northflank').update('codeLens.enabled', undefined, vscode.ConfigurationTarget.Global);
  });

  it('shows "Build \'build\' on API" and "Build \'runtime\' on API" above the two FROM lines of the linked service\'s Dockerfile', async () => {
    await state.deps().links.setPersonal(workspaceFolder(), [API]);

    const lenses = await stageLenses('services/api/Dockerfile');

    assert.deepEqual(
      lenses.map((lens) => [lens.range.start.line, lens.command?.title, lens.command?.arguments?.slice(1)]),
      [
        [1, "$(play) Build 'build' on API", ['build']],
        [8, "$(play) Build 'runtime' on API", ['runtime']],
      ],
    );
  });

  it('builds the clicked stage by name, with no question about the target or anything else', async () => {
    await state.deps().links.setPersonal(workspaceFolder(), [API]);
    const prompter = state.script({}, ENTER);
    const from = emulator().requests.length;

    await click((await stageLenses('services/api/Dockerfile'))[0]);

    assert.deepEqual(prompter.asked, [], 'a click on a stage asks nothing');
    assert.deepEqual(
      startBuildPosts(from).map((post) => [post.path, post.body]),
      [[API_BUILD, { sha: fixtureGit('rev-parse', 'HEAD'), overrides: { docker: { dockerFilePath: '/services/api/Dockerfile', dockerWorkDir: '/services/api', dockerfileTarget: 'build' } } }]],
    );
  });

  it('builds a lone unnamed stage with no target, asking no target question', async () => {
    await state.deps().links.setPersonal(workspaceFolder(), [API]);
    const prompter = state.script({}, ENTER);
    const messages = recordMessages();
    const from = emulator().requests.length;

    const lenses = await stageLenses('Dockerfile');
    assert.deepEqual(
      lenses.map((lens) => [lens.range.start.line, lens.command?.title]),
      [[0, '$(play) Build on API']],
    );
    await click(lenses[0]);

    assert.equal(prompter.question('target stage'), undefined);
    assert.deepEqual(
      startBuildPosts(from).map((post) => post.body),
      [{ sha: fixtureGit('rev-parse', 'HEAD'), overrides: { docker: { dockerFilePath: '/Dockerfile', dockerWorkDir: '/' } } }],
    );
    assert.ok(
      messages.shown.some((message) => message.severity === 'warning' && message.text.includes('no stage named "runtime"')),
      "still warned that Northflank looks for the service's target",
    );
  });

  it('reads "Start Build…" when no linked service or job builds the file', async () => {
    const lenses = await stageLenses('services/api/Dockerfile');

    assert.deepEqual(
      lenses.map((lens) => [lens.range.start.line, lens.command?.title]),
      [
        [1, '$(play) Start Build…'],
        [8, '$(play) Start Build…'],
      ],
    );
  });

  it('follows unsaved edits: a line added above moves the lenses down', async () => {
    await state.deps().links.setPersonal(workspaceFolder(), [API]);
    const document = await vscode.workspace.openTextDocument(fixtureUri('services/api/Dockerfile'));
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(0, 0), 'ARG NODE=20\nFROM busybox AS tools\n');
    try {
      assert.ok(await vscode.workspace.applyEdit(edit));

      const lenses = await stageLenses('services/api/Dockerfile');

      assert.deepEqual(
        lenses.map((lens) => [lens.range.start.line, lens.command?.title]),
        [
          [1, "$(play) Build 'tools' on API"],
          [3, "$(play) Build 'build' on API"],
          [10, "$(play) Build 'runtime' on API"],
        ],
      );
    } finally {
      const undo = new vscode.WorkspaceEdit();
      undo.delete(document.uri, new vscode.Range(0, 0, 2, 0));
      await vscode.workspace.applyEdit(undo);
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });

  it('shows no lens when northflank.codeLens.enabled is off', async () => {
    await state.deps().links.setPersonal(workspaceFolder(), [API]);
    assert.equal((await stageLenses('services/api/Dockerfile')).length, 2);

    await vscode.workspace.getConfiguration('northflank').update('codeLens.enabled', false, vscode.ConfigurationTarget.Global);

    assert.deepEqual(await stageLenses('services/api/Dockerfile'), []);
  });
});
