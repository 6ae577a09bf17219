import * as assert from 'node:assert/strict';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { TOKENS } from '../../emulator';
import { emulator, extensionUnderTest, waitFor, workspaceRoot } from './environment';
import { LINKS, serviceNode, useBuildsState, workspaceFolder } from './buildsState';
import { signInOnly } from './startBuildScript';

interface WelcomeContribution {
  view: string;
  contents: string;
  when?: string;
}

/** The welcome the manifest shows in the Builds view when `when` mentions `contextKey`, e.g. "!northflank.hasToken". */
function welcome(condition: string): WelcomeContribution {
  const welcomes = (extensionUnderTest().packageJSON.contributes?.viewsWelcome ?? []) as WelcomeContribution[];
  const found = welcomes.find((entry) => entry.view === 'northflank.builds' && (entry.when ?? '').split(/\s*&&\s*/).includes(condition));
  assert.ok(found, `no Builds view welcome for ${condition}`);
  return found;
}

/** The commands behind the buttons of a welcome, `[Title](command:id)`. */
function buttons(entry: WelcomeContribution): Record<string, string> {
  return Object.fromEntries([...entry.contents.matchAll(/\[([^\]]+)\]\(command:([^)]+)\)/g)].map((match) => [match[1], match[2]]));
}

describe('The Builds view says what is missing instead of listing builds', () => {
  const state = useBuildsState();

  async function roots(): Promise<string[]> {
    return (await state.tree().getChildren()).map((node) => String(node.label));
  }

  async function contextBecomes(key: string, value: boolean): Promise<void> {
    await waitFor(() => state.contexts.get(key) === value, 5_000, `${key} to be ${value} (it is ${String(state.contexts.get(key))})`);
  }

  it('without a token: northflank.hasToken is false, the view is empty, and its welcome offers Sign In', async () => {
    await state.deps().accounts.clear();
    await contextBecomes('northflank.hasToken', false);
    assert.deepEqual(await roots(), [], 'VS Code shows a welcome only while the view lists nothing');
    assert.deepEqual(buttons(welcome('!northflank.hasToken')), { 'Sign In': 'northflank.setToken' });

    await signInOnly(state.deps(), TOKENS.full);
    await contextBecomes('northflank.hasToken', true);
    await serviceNode(state.tree(), LINKS.combined);
  });

  it('without a linked service: northflank.serviceLinked is false, the view is empty, and its welcome offers Link Services', async () => {
    await state.deps().links.setPersonal(workspaceFolder(), []);
    await contextBecomes('northflank.serviceLinked', false);
    assert.deepEqual(await roots(), []);
    assert.deepEqual(buttons(welcome('!northflank.serviceLinked')), { 'Link Services': 'northflank.linkServices' });

    await state.deps().links.setPersonal(workspaceFolder(), [LINKS.combined]);
    await contextBecomes('northflank.serviceLinked', true);
    await serviceNode(state.tree(), LINKS.combined);
  });

  it('without a git repository: northflank.hasRepository is false, the view is empty, and its welcome says so; `git init` undoes it', async () => {
    // The fixture folder stops being a repository as it would after deleting .git, and becomes one again as after `git init`.
    const gitDir = join(workspaceRoot().fsPath, '.git');
    const movedGitDir = `${gitDir}-moved-by-test`;
    await state.deps().links.setPersonal(workspaceFolder(), []);
    await rename(gitDir, movedGitDir);
    try {
      await contextBecomes('northflank.hasRepository', false);
      await contextBecomes('northflank.serviceLinked', false);
      assert.deepEqual(await roots(), []);
      assert.match(welcome('!northflank.hasRepository').contents, /^No git repository is open\./);
      assert.deepEqual(buttons(welcome('!northflank.hasRepository')), {});
    } finally {
      await rename(movedGitDir, gitDir);
    }
    await contextBecomes('northflank.hasRepository', true);

    await state.deps().links.setPersonal(workspaceFolder(), [LINKS.combined]);
    await serviceNode(state.tree(), LINKS.combined);
  });

  it('when the API cannot be reached: northflank.apiUnreachable is true, the view is empty, and Retry loads the builds', async () => {
    state.deps().builds.clear();
    emulator().inject({ kind: 'status500', count: 20, method: 'GET', path: /\/build$/ });
    await vscode.commands.executeCommand('northflank.refreshBuilds');
    await contextBecomes('northflank.apiUnreachable', true);
    assert.deepEqual(await roots(), []);
    const retry = buttons(welcome('northflank.apiUnreachable'));
    assert.deepEqual(Object.keys(retry), ['Retry']);

    emulator().clearFaults();
    await vscode.commands.executeCommand(retry.Retry);
    await contextBecomes('northflank.apiUnreachable', false);
    await serviceNode(state.tree(), LINKS.combined);
  });
});
