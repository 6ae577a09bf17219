import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { emulator, workspaceRoot } from './environment';

describe('The window the integration tests run in', () => {
  it("points northflank.apiUrl at the emulator running in this extension host", () => {
    assert.equal(vscode.workspace.getConfiguration('northflank').get('apiUrl'), emulator().url);
  });

  it('opens the fixture repository, with its Dockerfiles, as the only workspace folder', async () => {
    assert.equal(vscode.workspace.workspaceFolders?.length, 1);
    const dockerfiles = await vscode.workspace.findFiles('**/Dockerfile*');
    const relativePaths = dockerfiles.map((file) => vscode.workspace.asRelativePath(file, false)).sort();
    assert.deepEqual(relativePaths, ['Dockerfile', 'jobs/migrate/Dockerfile', 'services/api/Dockerfile', 'services/web/Dockerfile.prod']);
    await vscode.workspace.fs.stat(vscode.Uri.joinPath(workspaceRoot(), '.git'));
  });
});
