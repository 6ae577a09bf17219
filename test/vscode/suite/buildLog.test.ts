import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { stripAnsi } from '../../../src/buildLog/ansiEscapes';
import type { BuildNode } from '../../../src/vscode/builds/buildTreeItems';
import { emulator, extensionUnderTest, waitFor } from './environment';
import { buildRow, LINKS, NOTICE_MS, useBuildsState, waitForRow, workspaceFolder } from './buildsState';
import { LOG_LANGUAGE } from '../../../src/vscode/builds/buildLogDocuments';

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
      stored.map((line) => stripAnsi(line.log.replace(/^stdout F /, ''))),
      'the log shows every line the build wrote, once each, in order',
    );
    assert.equal(tailsOf(build.id).length, 1, 'the open log opened a live tail of its own beside the watcher’s');
  });
});

describe("A build's log, made for reading", () => {
  const state = useBuildsState();
  afterEach(async () => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  /** A build that wrote its BuildKit steps and then failed, opened from its row as a person would. */
  async function openFailedLog(): Promise<vscode.TextEditor> {
    const build = await state.startHeld('BUILDING');
    // The emulator's fast pace writes every line of the phase within 150 ms.
    await new Promise((resolveWait) => setTimeout(resolveWait, 200));
    state.hold(build.id, 'FAILURE');
    await state.deps().builds.refresh();
    const row = await waitForRow(state.tree(), LINKS.combined, build.id, (node) => node.build.status === 'FAILURE', 'to be seen failed');
    await vscode.commands.executeCommand('northflank.build.viewLogs', row);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor && editor.document.uri.scheme === 'northflank-build-log', 'the log opened in an editor');
    await waitFor(() => editor.document.languageId === LOG_LANGUAGE, 2_000, 'the log to get its language');
    return editor;
  }

  const lineOf = (document: vscode.TextDocument, pattern: RegExp) => document.getText().split('\n').findIndex((line) => pattern.test(line));

  it('opens a failed build at its first error, with the cursor on it, in short timestamps and no terminal escapes', async () => {
    const editor = await openFailedLog();
    const { document } = editor;
    // BuildKit says ERROR first on the failing step's own line (#7 ERROR: …), before "failed to solve".
    const error = lineOf(document, /\bERROR\b/);
    assert.ok(error < lineOf(document, /ERROR: failed to solve/), 'the failing step comes before the summary');
    assert.ok(error > 10, `the error is not far enough down to need revealing:\n${document.getText()}`);
    assert.equal(editor.selection.active.line, error, 'the cursor is on the first error');
    assert.ok(
      editor.visibleRanges.some((range) => range.start.line <= error && error <= range.end.line),
      `line ${error} is not in view: ${JSON.stringify(editor.visibleRanges)}`,
    );
    for (const line of document.getText().split('\n')) assert.match(line, /^\+\d\d:\d\d /, 'each line starts with its time since the first');
    assert.doesNotMatch(document.getText(), /\u001b/);
    assert.match(document.getText(), /\+\d\d:\d\d WARN: UndefinedVar/, 'the coloured warning reads as plain text');
  });

  it('shows the full timestamps with northflank.logTimestamps "full", redrawing the open log', async () => {
    const { document } = await openFailedLog();
    const settings = vscode.workspace.getConfiguration('northflank');
    try {
      await settings.update('logTimestamps', 'full', vscode.ConfigurationTarget.Global);
      await waitFor(() => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z Build queued/.test(document.getText()), NOTICE_MS, 'the log to show full timestamps');
    } finally {
      await settings.update('logTimestamps', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitFor(() => document.getText().startsWith('+00:00 '), NOTICE_MS, 'the short timestamps back');
  });

  it('wraps long lines in the log language', () => {
    assert.equal(vscode.workspace.getConfiguration('editor', { languageId: LOG_LANGUAGE }).get('wordWrap'), 'on');
  });

  it('colours the log language with a grammar the extension ships', async () => {
    const { grammars = [] } = extensionUnderTest().packageJSON.contributes as { grammars?: { language: string; scopeName: string; path: string }[] };
    const grammar = grammars.find((entry) => entry.language === LOG_LANGUAGE);
    assert.ok(grammar, 'no grammar for the log language');
    const file = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUnderTest().extensionUri, grammar.path))));
    assert.equal(file.scopeName, grammar.scopeName);
  });

  it('folds each BuildKit step with its own lines', async () => {
    const { document } = await openFailedLog();
    const ranges = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', document.uri);
    const folds = ranges.map((range) => `${range.start}-${range.end}`);
    const definition = lineOf(document, /#1 \[internal\] load build definition/);
    const npmCi = lineOf(document, /#5 \[build 3\/4\] RUN npm ci/);
    assert.ok(folds.includes(`${definition}-${definition + 2}`), `no fold of step #1 at ${definition}: ${folds.join(', ')}`);
    assert.ok(folds.includes(`${npmCi}-${npmCi + 2}`), `no fold of step #5 at ${npmCi}: ${folds.join(', ')}`);
  });

  it("links Dockerfile:N and the repository's paths to the files of the workspace folder, at the line", async () => {
    const { document } = await openFailedLog();
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', document.uri);
    const at = (pattern: RegExp) => links.filter((link) => pattern.test(document.getText(link.range)));
    const dockerfileLine = at(/^Dockerfile:3$/);
    assert.equal(dockerfileLine.length, 1, `links: ${links.map((link) => document.getText(link.range)).join(', ')}`);
    const target = dockerfileLine[0].target;
    assert.equal(target?.with({ fragment: '' }).toString(), vscode.Uri.joinPath(workspaceFolder().uri, 'Dockerfile').toString());
    assert.equal(target?.fragment, 'L3');
    assert.ok(at(/^\/Dockerfile$/).length > 0, 'the Dockerfile the build used is linked');
    assert.equal(at(/node|docker\.io/).length, 0, 'an image reference is not a file');
  });
});
