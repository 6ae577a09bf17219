import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { BuildNode } from '../../../src/vscode/builds/buildTreeItems';
import { emulator, waitFor } from './environment';
import { buildRow, LINKS, NOTICE_MS, useBuildsState } from './buildsState';

/** Live-log connections the emulator has accepted for one build, since the suite started. */
function tailsOf(buildId: string) {
  return emulator().requests.filter((request) => request.query.queryType === 'tail' && request.query.buildId === buildId);
}

describe("A running build's log in an editor", () => {
  const state = useBuildsState();
  afterEach(async () => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it("grows with the lines the watcher's live tail brings, over the one tail the build has", async () => {
    const build = await state.startHeld('BUILDING');
    await waitFor(() => tailsOf(build.id).length > 0, NOTICE_MS, 'the watcher to open its live tail');
    let row: BuildNode | undefined;
    await waitFor(async () => (row = await buildRow(state.tree(), LINKS.combined, build.id)) !== undefined, NOTICE_MS, `${build.id} to be listed`);

    await vscode.commands.executeCommand('northflank.build.viewLogs', row);
    const document = vscode.window.activeTextEditor?.document;
    assert.ok(document && document.uri.scheme === 'northflank-build-log', 'the log opened in an editor');
    assert.match(document.getText(), /RUN npm run build/, 'the log holds what the build wrote while BUILDING');
    assert.doesNotMatch(document.getText(), /Image successfully built/);

    state.hold(build.id, 'SUCCESS');
    await waitFor(() => /Image successfully built/.test(document.getText()), NOTICE_MS, 'the last line of the build to reach the open log');

    const stored = await state.deps().connection.api().getBuildLogs(LINKS.combined, { buildId: build.id });
    assert.deepEqual(
      document.getText().split('\n').map((line) => line.slice(line.indexOf(' ') + 1)),
      stored.map((line) => line.log.replace(/^stdout F /, '')),
      'the log shows every line the build wrote, once each, in order',
    );
    assert.equal(tailsOf(build.id).length, 1, 'the open log opened a live tail of its own beside the watcher’s');
  });
});
