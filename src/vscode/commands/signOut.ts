import * as vscode from 'vscode';
import type { Deps } from '../deps';

export function registerSignOut(deps: Deps): vscode.Disposable {
  return vscode.commands.registerCommand('northflank.signOut', async () => {
    if (!(await deps.tokens.has())) {
      void deps.prompter.notify('information', 'Northflank: no API token is stored.');
      return;
    }
    await deps.tokens.clear();
    deps.builds.clear();
    void deps.prompter.notify('information', 'Northflank: API token removed from secret storage.');
  });
}
