import vscode = require('vscode');
import { registerCommand } from '../commandRegistry';
import type { Deps } from '../deps';
import type { Account } from '../auth/accountStore';

/** Signs a team out: the only one without a question, else the one picked (or all of them). */
export function registerSignOut(deps: Deps): vscode.Disposable {
  return registerCommand('northflank.signOut', async () => {
    const accounts = await deps.accounts.list();
    if (accounts.length === 0) {
      void deps.prompter.notify('information', vscode.l10n.t('Northflank: you are not signed in.'));
      return;
    }
    const chosen = accounts.length === 1 ? accounts : await pickAccounts(deps, accounts);
    if (!chosen) return;
    for (const account of chosen) await deps.accounts.remove(account.id);
    if (!(await deps.accounts.has())) deps.builds.clear();
    const names = chosen.map((account) => account.label).join(', ');
    void deps.prompter.notify('information', vscode.l10n.t('Signed out of Northflank ({0}); the token was removed from secret storage.', names));
  });
}

function pickAccounts(deps: Deps, accounts: Account[]): Promise<Account[] | undefined> {
  return deps.prompter.pick(
    [
      ...accounts.map((account) => ({ label: account.label, description: account.tokenName, value: [account] })),
      { label: vscode.l10n.t('All teams'), description: vscode.l10n.t('{0} accounts', accounts.length), value: accounts },
    ],
    { title: vscode.l10n.t('Sign Out of Northflank'), placeholder: vscode.l10n.t('Which team to sign out of') },
  );
}
