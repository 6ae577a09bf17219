import * as assert from 'node:assert/strict';
import { posix } from 'node:path';
import * as vscode from 'vscode';
import { extensionUnderTest } from './environment';

interface CommandContribution {
  command: string;
  title: string;
  category?: string;
}
interface MenuItem {
  command: string;
  when?: string;
}

function contributes(): { commands?: CommandContribution[]; menus?: Record<string, MenuItem[]> } {
  return extensionUnderTest().packageJSON.contributes ?? {};
}

/** The file-name pattern of a `resourceFilename =~ /.../` when-clause. */
function filenamePattern(when: string | undefined): RegExp {
  const match = /resourceFilename\s*=~\s*\/((?:\\\/|[^/])+)\/([a-z]*)/.exec(when ?? '');
  assert.ok(match, `the when-clause "${when}" has no resourceFilename =~ /.../ pattern`);
  return new RegExp(match[1].replace(/\\\//g, '/'), match[2]);
}

describe('What the extension contributes to the workbench', () => {
  it('shows Start Build in the Command Palette as "Northflank: Start Build"', () => {
    const command = contributes().commands?.find((entry) => entry.command === 'northflank.startBuild');
    assert.ok(command, 'northflank.startBuild is not contributed as a command');
    assert.equal(`${command.category}: ${command.title}`, 'Northflank: Start Build');
    const hidden = contributes().menus?.commandPalette?.find((item) => item.command === command.command && item.when === 'false');
    assert.equal(hidden, undefined, 'the command is hidden from the Command Palette');
  });

  it("offers Start Build in the Explorer's context menu on exactly the workspace's Dockerfiles", async () => {
    const item = contributes().menus?.['explorer/context']?.find((entry) => entry.command === 'northflank.startBuild');
    assert.ok(item, 'northflank.startBuild is not in the explorer/context menu');
    const pattern = filenamePattern(item.when);

    const files = await vscode.workspace.findFiles('**/*', '**/.git/**');
    const names = files.map((file) => posix.basename(file.path));
    const offeredOn = names.filter((name) => pattern.test(name)).sort();
    assert.deepEqual(offeredOn, ['Dockerfile', 'Dockerfile', 'Dockerfile', 'Dockerfile.prod']);
    assert.ok(names.includes('README.md') && names.includes('package.json'), `unexpected fixture: ${names.join(', ')}`);
  });
});
