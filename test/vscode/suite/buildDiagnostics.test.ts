import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FAILING_LINE } from '../../emulator/buildLogs';
import type { StartBuildBody } from '../../../src/northflank/types';
import { BuildLogDocuments } from '../../../src/vscode/builds/buildLogDocuments';
import { emulator, waitFor } from './environment';
import { LINKS, NOTICE_MS, useBuildsState, workspaceFolder } from './buildsState';

const API_BODY: StartBuildBody = { overrides: { docker: { dockerFilePath: '/services/api/Dockerfile', dockerWorkDir: '/services/api' } } };
const ROOT_BODY: StartBuildBody = { overrides: { docker: { dockerFilePath: '/Dockerfile', dockerWorkDir: '/' } } };

/** Range queries of a build's log since the suite started: what reading it once costs. */
function logReads(buildId: string) {
  return emulator().requests.filter((request) => request.path.endsWith('/build-logs') && request.query.queryType === 'range' && request.query.buildId === buildId);
}

describe('A failed build in the Problems panel', () => {
  const state = useBuildsState();

  it("puts the error on the Dockerfile line the build's log names, linked to that log, until the Dockerfile builds again successfully", async () => {
    const apiDockerfile = vscode.Uri.joinPath(workspaceFolder().uri, 'services', 'api', 'Dockerfile');
    const rootDockerfile = vscode.Uri.joinPath(workspaceFolder().uri, 'Dockerfile');
    const failed = await state.startHeld('BUILDING', LINKS.combined, API_BODY);
    state.hold(failed.id, 'FAILURE');
    await waitFor(() => vscode.languages.getDiagnostics(apiDockerfile).length > 0, NOTICE_MS, `a diagnostic for ${failed.id} on services/api/Dockerfile`);

    const [diagnostic, ...others] = vscode.languages.getDiagnostics(apiDockerfile);
    assert.equal(others.length, 0, 'one failure, one diagnostic');
    const document = await vscode.workspace.openTextDocument(apiDockerfile);
    assert.equal(diagnostic.range.start.line, FAILING_LINE - 1);
    assert.equal(document.getText(diagnostic.range), 'RUN npm run build', 'the range covers the failing instruction');
    assert.equal(diagnostic.message, 'failed to solve: process "/bin/sh -c npm run build" did not complete successfully: exit code: 1');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(diagnostic.source, 'Northflank');
    const code = diagnostic.code as { value: string; target: vscode.Uri };
    assert.equal(code.value, `${failed.id} log`);
    assert.equal(code.target.toString(), BuildLogDocuments.uriFor(LINKS.combined, failed.id).toString(), 'the code opens the build’s log');
    assert.equal(logReads(failed.id).length, 1, 'the log was read once');
    assert.deepEqual(vscode.languages.getDiagnostics(rootDockerfile), [], 'the Dockerfile that was not built has none');

    const other = await state.startHeld('BUILDING', LINKS.combined, ROOT_BODY);
    state.hold(other.id, 'SUCCESS');
    const again = await state.startHeld('BUILDING', LINKS.combined, API_BODY);
    // The other Dockerfile's success, seen first, leaves this one's failure standing.
    await waitFor(() => state.deps().builds.find(LINKS.combined, other.id)?.concluded === true, NOTICE_MS, `${other.id} to be seen concluded`);
    // Handling a conclusion takes a file lookup, milliseconds: give a wrong clear the time to show.
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(vscode.languages.getDiagnostics(apiDockerfile).length, 1, 'a success of another Dockerfile cleared this one');

    state.hold(again.id, 'SUCCESS');
    await waitFor(() => vscode.languages.getDiagnostics(apiDockerfile).length === 0, NOTICE_MS, `${again.id}'s success to clear the diagnostic`);
    assert.equal(logReads(again.id).length + logReads(other.id).length, 0, 'a successful build costs no log read');
  });

  it("puts nothing on a Dockerfile shorter than the line the log names: the file has changed since that build's commit", async () => {
    const rootDockerfile = vscode.Uri.joinPath(workspaceFolder().uri, 'Dockerfile');
    const document = await vscode.workspace.openTextDocument(rootDockerfile);
    assert.ok(document.lineCount - 1 < FAILING_LINE, `the fixture's Dockerfile has ${document.lineCount} lines: too many for this test`);
    const failed = await state.startHeld('BUILDING', LINKS.combined, ROOT_BODY);
    state.hold(failed.id, 'FAILURE');
    await waitFor(() => logReads(failed.id).length === 1, NOTICE_MS, `${failed.id}'s log to be read`);
    // Reading the answer and the file takes milliseconds: give a wrong diagnostic the time to show.
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepEqual(vscode.languages.getDiagnostics(rootDockerfile), []);
  });
});
