import * as assert from 'node:assert/strict';
import { posix } from 'node:path';
import * as vscode from 'vscode';
import { extensionUnderTest } from './environment';

interface CommandContribution {
  command: string;
  title: string;
  category?: string;
  icon?: string | { light: string; dark: string };
}
interface MenuItem {
  command: string;
  when?: string;
}

interface WalkthroughStep {
  id: string;
  description: string;
  media: { image?: string; altText?: string };
  completionEvents?: string[];
}
interface Keybinding {
  command: string;
  key: string;
  mac?: string;
  when?: string;
}

function contributes(): {
  commands?: CommandContribution[];
  menus?: Record<string, MenuItem[]>;
  walkthroughs?: Array<{ id: string; steps: WalkthroughStep[] }>;
  keybindings?: Keybinding[];
} {
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

  for (const menu of ['explorer/context', 'editor/context', 'editor/title']) {
    it(`offers "Build with Northflank" in ${menu} on exactly the workspace's Dockerfiles`, async () => {
      const item = contributes().menus?.[menu]?.find((entry) => entry.command === 'northflank.buildThisDockerfile');
      assert.ok(item, `northflank.buildThisDockerfile is not in the ${menu} menu`);
      const pattern = filenamePattern(item.when);

      const files = await vscode.workspace.findFiles('**/*', '**/.git/**');
      const names = files.map((file) => posix.basename(file.path));
      const offeredOn = names.filter((name) => pattern.test(name)).sort();
      assert.deepEqual(offeredOn, ['Dockerfile', 'Dockerfile', 'Dockerfile', 'Dockerfile.prod']);
      assert.ok(names.includes('README.md') && names.includes('package.json'), `unexpected fixture: ${names.join(', ')}`);
    });
  }

  it('names Northflank in every entry of the Explorer and editor menus, which leave out the category', () => {
    const menus = contributes().menus ?? {};
    for (const menu of ['explorer/context', 'editor/context', 'editor/title']) {
      for (const entry of menus[menu] ?? []) assert.match(command(entry.command).title, /Northflank/, `${menu}: ${entry.command}`);
    }
  });

  it('titles Start Build on a link and in the Builds view\'s title bar "Start Northflank Build"', () => {
    const menus = contributes().menus ?? {};
    const starts = [...(menus['view/title'] ?? []), ...(menus['view/item/context'] ?? [])].filter((entry) => /startBuild/i.test(entry.command));
    assert.ok(starts.length >= 3, `the view offers no Start Build: ${JSON.stringify(starts)}`);
    for (const entry of starts) assert.equal(command(entry.command).title, 'Start Northflank Build', `${entry.command} (${entry.when})`);
  });

  it("draws the editor-title button with the extension's own icon for light and dark themes, not Run's $(play)", async () => {
    const { icon } = command('northflank.buildThisDockerfile');
    assert.ok(icon && typeof icon === 'object', `the icon is ${JSON.stringify(icon)}, not a {light, dark} pair`);
    for (const path of [icon.light, icon.dark]) {
      const svg = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUnderTest().extensionUri, path)));
      assert.match(svg, /^<svg [^>]*viewBox="0 0 16 16"/, `${path} is not a 16×16 SVG`);
      assert.doesNotMatch(svg, /currentColor/, `${path}: command icons are drawn as images, so currentColor would be black`);
    }
    assert.notEqual(icon.light, icon.dark);
  });

  it('hides the commands that only menus and the status bar item run from the Command Palette', () => {
    const hidden = (contributes().menus?.commandPalette ?? []).filter((item) => item.when === 'false').map((item) => item.command);
    for (const id of ['northflank.buildThisDockerfile', 'northflank.builds.startBuild', 'northflank.statusBarClick', 'northflank.buildStage']) {
      command(id);
      assert.ok(hidden.includes(id), `${id} shows in the Command Palette`);
    }
  });
});

describe('The "Build on Northflank" walkthrough', () => {
  const steps = (): WalkthroughStep[] => {
    const walkthroughs = contributes().walkthroughs ?? [];
    assert.equal(walkthroughs.length, 1, `walkthroughs: ${JSON.stringify(walkthroughs.map((entry) => entry.id))}`);
    return walkthroughs[0].steps;
  };

  it('links only to commands the extension registers, in its buttons and its completion events', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const linked = steps().flatMap((step) => [
      ...[...step.description.matchAll(/\(command:([\w.]+)/g)].map((match) => match[1]),
      ...(step.completionEvents ?? []).filter((event) => event.startsWith('onCommand:')).map((event) => event.slice('onCommand:'.length)),
    ]);
    assert.deepEqual([...new Set(linked)].sort(), ['northflank.linkServices', 'northflank.setToken', 'northflank.startBuild']);
    for (const id of linked) assert.ok(registered.has(id), `${id} is linked from the walkthrough but not registered`);
  });

  it('gives every step an image, with its alternative text, that ships in the extension folder', async () => {
    for (const step of steps()) {
      const { image, altText } = step.media;
      assert.ok(image && altText, `${step.id}: media ${JSON.stringify(step.media)}`);
      const file = vscode.Uri.joinPath(extensionUnderTest().extensionUri, image);
      const stat = await vscode.workspace.fs.stat(file);
      assert.ok(stat.size > 1000, `${image} is ${stat.size} bytes`);
    }
  });
});

describe('The Start Build keyboard shortcut', () => {
  it("is a chord whose first key VS Code's default keybindings leave free, only where a repository is open", async () => {
    const bindings = (contributes().keybindings ?? []).filter((entry) => entry.command === 'northflank.startBuild');
    assert.equal(bindings.length, 1, JSON.stringify(contributes().keybindings));
    const [binding] = bindings;
    assert.match(binding.when ?? '', /northflank\.hasRepository/);
    // The platform's key, as the default keybindings file lists it (this runs on Linux or Windows, not a Mac).
    const [first, second] = binding.key.split(' ');
    assert.ok(first && second, `${binding.key} is not a chord`);

    await vscode.commands.executeCommand('workbench.action.openDefaultKeybindingsFile');
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'the default keybindings did not open in an editor');
    const text = editor.document.getText();
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    // Far more than a few: this really is VS Code's list.
    const keys = [...text.matchAll(/"key":\s*"([^"]+)"/g)].map((match) => match[1]);
    assert.ok(keys.length > 300, `only ${keys.length} keys in the default keybindings`);
    assert.ok(keys.includes('ctrl+shift+p') || keys.includes('f1'), 'the default keybindings lack the Command Palette');
    assert.ok(keys.includes(binding.key), `${binding.key} is not listed: the file lists what extensions contribute too`);
    const clashing = keys.filter((key) => key === first || key.startsWith(`${first} `));
    assert.deepEqual(clashing.filter((key) => key !== binding.key), [], `VS Code binds ${first} by default`);
  });
});

function command(id: string): CommandContribution {
  const found = contributes().commands?.find((entry) => entry.command === id);
  assert.ok(found, `${id} is not contributed as a command`);
  return found;
}
