import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SEED } from '../../emulator';
import { buildSourceLabel } from '../../../src/northflank/buildStatus';
import { runningBuilds } from '../../../src/vscode/builds/runningBuilds';
import { emulator, waitFor } from './environment';
import { LINKS, NOTICE_MS, useBuildsState, waitForRow } from './buildsState';
import { CANCEL } from './startBuildScript';

const CLICK = 'northflank.statusBarClick';

function deletes(from: number): string[] {
  return emulator()
    .requests.slice(from)
    .filter((request) => request.method === 'DELETE')
    .map((request) => request.path);
}

describe('A click on the status bar item', () => {
  const state = useBuildsState();

  /** Builds of earlier tests run on the emulator's fast clock; the store sees them end at its next look. */
  async function nothingRunning(): Promise<void> {
    await waitFor(() => runningBuilds(state.deps().builds.groups()).length === 0, NOTICE_MS, 'no build of the links to be running');
  }

  beforeEach(nothingRunning);

  it('offers Show Log, Abort Build and Start Another Build… while a build runs, named in the title', async () => {
    const build = await state.startHeld('BUILDING');
    const prompter = state.script({ 'Northflank: ': CANCEL });

    await vscode.commands.executeCommand(CLICK);

    assert.equal(prompter.asked.length, 1, `one question: ${JSON.stringify(prompter.asked)}`);
    assert.equal(prompter.asked[0].kind, 'pick');
    assert.equal(prompter.asked[0].title, `Northflank: Web Combined building ${buildSourceLabel(build)}`);
    assert.deepEqual(prompter.asked[0].choices, ['Show Log', 'Abort Build', 'Start Another Build…']);
  });

  it('aborts the build on Abort Build, after the same confirmation as the Builds view', async () => {
    const build = await state.startHeld('BUILDING');
    const prompter = state.script({ 'Northflank: Web Combined building': 'Abort Build', 'Abort build': 'Abort Build' });
    const from = emulator().requests.length;

    await vscode.commands.executeCommand(CLICK);

    assert.deepEqual(
      prompter.asked.map((question) => question.kind),
      ['pick', 'ask'],
    );
    assert.match(prompter.asked[1].title, new RegExp(`Abort build ${build.id}\\?`));
    assert.deepEqual(deletes(from), [`/v1/projects/${SEED.projectId}/services/${SEED.combinedServiceId}/build/${build.id}`]);
    await waitForRow(state.tree(), LINKS.combined, build.id, (row) => String(row.description).startsWith('Aborted'), 'shows Aborted');
  });

  it('sends nothing when the abort is not confirmed', async () => {
    await state.startHeld('BUILDING');
    state.script({ 'Northflank: Web Combined building': 'Abort Build', 'Abort build': CANCEL });
    const from = emulator().requests.length;
    await vscode.commands.executeCommand(CLICK);
    assert.deepEqual(deletes(from), []);
  });

  it("opens the build's log on Show Log", async () => {
    const build = await state.startHeld('BUILDING');
    state.script({ 'Northflank: Web Combined building': 'Show Log' });
    try {
      await vscode.commands.executeCommand(CLICK);
      const document = vscode.window.activeTextEditor?.document;
      assert.equal(document?.uri.scheme, 'northflank-build-log');
      assert.ok(document?.uri.path.includes(build.id), `the log of another build opened: ${document?.uri.toString()}`);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });

  it('runs Start Build on Start Another Build…', async () => {
    await state.startHeld('BUILDING');
    const prompter = state.script({ 'Northflank: Web Combined building': 'Start Another Build…', 'Start Build': CANCEL });
    const from = emulator().requests.length;

    await vscode.commands.executeCommand(CLICK);

    assert.equal(prompter.asked.length, 2, `the pick, then Start Build's first question: ${JSON.stringify(prompter.asked)}`);
    assert.match(prompter.asked[1].title, /^Start Build( \(\d+\/\d+\))?: /);
    assert.deepEqual(
      emulator()
        .requests.slice(from)
        .filter((request) => request.method === 'POST'),
      [],
    );
  });

  it("lists each running build's Show Log and Abort Build, then Start Another Build…, and aborts the one chosen", async () => {
    const first = await state.startHeld('BUILDING');
    const second = await state.startHeld('QUEUED');
    const prompter = state.script({ '2 builds running': 'Abort Build', 'Abort build': 'Abort Build' });
    const from = emulator().requests.length;

    await vscode.commands.executeCommand(CLICK);

    const pick = prompter.asked[0];
    assert.equal(pick.title, 'Northflank: 2 builds running');
    assert.deepEqual(pick.choices, ['Show Log', 'Abort Build', 'Show Log', 'Abort Build', 'Start Another Build…']);
    // The store lists the newest build first; the first Abort Build is the newest build's.
    assert.match(prompter.asked[1].title, new RegExp(`Abort build ${second.id}\\?`));
    assert.deepEqual(deletes(from), [`/v1/projects/${SEED.projectId}/services/${SEED.combinedServiceId}/build/${second.id}`]);
    assert.ok(runningBuilds(state.deps().builds.groups()).some(({ build }) => build.id === first.id), 'the other build is left running');
  });

  it('starts a build, as Start Build does, while nothing runs', async () => {
    const prompter = state.script({ 'Start Build': CANCEL });

    await vscode.commands.executeCommand(CLICK);

    assert.equal(prompter.asked.length, 1, `Start Build's first question only: ${JSON.stringify(prompter.asked)}`);
    assert.match(prompter.asked[0].title, /^Start Build( \(\d+\/\d+\))?: /);
  });
});
