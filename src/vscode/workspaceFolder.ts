import vscode = require('vscode');
import type { Prompter } from './prompter';

/** The only folder, or the one the user picks when there are several. */
export async function pickWorkspaceFolder(prompter: Prompter, title: string): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void prompter.notify('warning', vscode.l10n.t('Northflank: open a folder that holds a git repository first.'));
    return undefined;
  }
  if (folders.length === 1) return folders[0];
  return prompter.pick(
    folders.map((folder) => ({ label: folder.name, description: folder.uri.fsPath, value: folder })),
    { title, placeholder: vscode.l10n.t('Choose a workspace folder') },
  );
}
