import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { readRepositoryHead } from '../../../src/git/readRepositoryHead';
import { activatedExtension, workspaceRoot } from './environment';

// code-server is a remote layout: the workbench runs in the browser, the extension host on the
// server beside the files and git. What the extension needs there is what SSH, WSL and dev
// containers give it too.
describe('A remote layout (code-server: the workbench in a browser, the extension host beside the files)', () => {
  it('runs as a workspace extension, on the side that has the files and git', async () => {
    const extension = await activatedExtension();
    console.log(`      remoteName=${JSON.stringify(vscode.env.remoteName)} uiKind=${vscode.UIKind[vscode.env.uiKind]} appHost=${vscode.env.appHost}`);
    // Said in the manifest, not left to the default, which a desktop remote could resolve otherwise.
    assert.deepEqual((extension.packageJSON as { extensionKind?: string[] }).extensionKind, ['workspace']);
    assert.equal(extension.extensionKind, vscode.ExtensionKind.Workspace);
  });

  it("reads the workspace's repository from the extension host's own disk, with its own git", async () => {
    const root = workspaceRoot();
    assert.equal(root.scheme, 'file', `the workspace is ${root.toString()}, not a folder on the extension host's disk`);
    assert.ok(existsSync(join(root.fsPath, '.git')), `${root.fsPath} has no .git on this host`);
    const state = await readRepositoryHead(root.fsPath);
    assert.equal(state.kind, 'repository', JSON.stringify(state));
    if (state.kind !== 'repository') return;
    assert.equal(state.sha, execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root.fsPath, encoding: 'utf8' }).trim());
  });
});
