import vscode = require('vscode');
import { registerCommand } from '../commandRegistry';
import { loadOnDemand } from '../loadOnDemand';
import type { Deps } from '../deps';
import { showError } from '../errorPresenter';
import { pickWorkspaceFolder } from '../workspaceFolder';
import { BACK } from '../prompter';

export function registerLinkServices(deps: Deps): vscode.Disposable[] {
  const command = async () => {
    // With several folders the folder is asked first, and Back from the services returns to it.
    for (;;) {
      const folder = await pickWorkspaceFolder(deps.prompter, vscode.l10n.t('Link which folder to Northflank?'));
      if (!folder) return;
      try {
        const several = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
        const { linkServices } = await loadOnDemand();
        if ((await linkServices(deps, folder, several)) !== BACK) return;
      } catch (error) {
        await showError(deps.prompter, error);
        return;
      }
    }
  };
  // Select Service grew into Link Services; its id stays for keybindings and links people already have.
  return [
    registerCommand('northflank.linkServices', command),
    registerCommand('northflank.selectService', command),
    registerCommand('northflank.shareLinks', async () => {
      const folder = await pickWorkspaceFolder(deps.prompter, vscode.l10n.t('Share the links of which folder?'));
      if (!folder) return;
      const { shareLinks } = await loadOnDemand();
      await shareLinks(deps, folder);
    }),
  ];
}
