import * as assert from 'node:assert/strict';
import { resolve } from 'node:path';
import * as vscode from 'vscode';
import { activatedExtension, extensionUnderTest } from './environment';

describe('The extension in a workspace that is a git repository', () => {
  it('is the build under development, not an installed copy', () => {
    // This file runs from out/test/vscode/suite/ inside the repository.
    const repository = resolve(__dirname, '..', '..', '..', '..');
    assert.equal(extensionUnderTest().extensionUri.fsPath, repository);
  });

  it('activates by itself, without any of its commands being run', async () => {
    const extension = await activatedExtension();
    assert.equal(extension.isActive, true);
  });

  it('registers the northflank.startBuild command', async () => {
    await activatedExtension();
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('northflank.startBuild'), 'northflank.startBuild is not among the registered commands');
  });
});
