import * as vscode from 'vscode';
import type { Deps } from '../deps';
import { showError } from '../errorPresenter';
import { linkServices, shareLinks } from '../links/linkServices';
import { pickWorkspaceFolder } from '../workspaceFolder';

export function registerLinkServices(deps: Deps): vscode.Disposable[] {
  const command = async () => {
    const folder = await pickWorkspaceFolder(deps.prompter, 'Link which folder to Northflank?');
    if (!folder) return;
    try {
      await linkServices(deps, folder);
    } catch (error) {
      await showError(error);
    }
  };
  // Select Service grew into Link Services; its id stays for keybindings and links people already have.
  return [
    vscode.commands.registerCommand('northflank.linkServices', command),
    vscode.commands.registerCommand('northflank.selectService', command),
    vscode.commands.registerCommand('northflank.shareLinks', async () => {
      const folder = await pickWorkspaceFolder(deps.prompter, 'Share the links of which folder?');
      if (folder) await shareLinks(deps, folder);
    }),
  ];
}
