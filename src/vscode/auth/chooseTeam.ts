import vscode = require('vscode');
import type { Deps } from '../deps';
import { BACK, type Back } from '../prompter';
import type { Account } from './accountStore';

export interface TeamChoice {
  account: Account;
  /** Whether a question was asked, so the next one gets a Back button. */
  asked: boolean;
  /** Whether a link (or stored link) belongs to this team: its own team, else the folder's, else the default. */
  owns(link: { teamId?: string }): boolean;
}

/**
 * The team whose services a folder is linked to. With one team signed in, that one; with several,
 * the person picks (the folder's last choice first), and the folder remembers it.
 */
export async function chooseTeam(deps: Deps, folder: vscode.WorkspaceFolder, back: boolean): Promise<TeamChoice | Back | undefined> {
  const accounts = await deps.accounts.list();
  if (accounts.length === 0) return undefined;
  const remembered = deps.teams.ofFolder(folder);
  const teamOf = (link: { teamId?: string }) => link.teamId ?? remembered ?? accounts[0].teamId;
  const choice = (account: Account, asked: boolean): TeamChoice => ({ account, asked, owns: (link) => accounts.length === 1 || teamOf(link) === account.teamId });
  if (accounts.length === 1) return choice(accounts[0], false);
  const picked = await deps.prompter.pickStep(
    accounts.map((account) => ({ label: account.label, description: account.tokenName, value: account })),
    {
      back,
      title: vscode.l10n.t('Link {0} to Northflank: team', folder.name),
      placeholder: vscode.l10n.t("Whose services and jobs? You are signed in to {0} teams; each link keeps its team's token.", accounts.length),
      active: (item) => (item.value as Account).teamId === (remembered ?? accounts[0].teamId),
    },
  );
  if (picked === undefined || picked === BACK) return picked;
  await deps.teams.remember(folder, picked.teamId);
  return choice(picked, true);
}
