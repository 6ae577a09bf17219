import vscode = require('vscode');
import { cleanToken, tokenProblem } from '../../northflank/apiToken';
import { NorthflankError } from '../../northflank/northflankError';
import { tokenOwner } from '../../northflank/tokenOwner';
import type { TokenInfo } from '../../northflank/types';
import type { Deps } from '../deps';
import type { Checked } from '../prompter';
import type { Account } from './accountStore';

export interface SignInOptions {
  /** After signing in, offer the next step (linking services) unless a flow that asked goes on by itself. */
  offerNextStep?: boolean;
}

/**
 * Asks for a token in a box that stays open while Northflank checks it, says under the text what was
 * refused, and stores the token only once Northflank accepts it. A token of a team already signed in
 * replaces that team's. Resolves to the account, or undefined when the person cancels.
 */
export async function signIn(deps: Deps, options: SignInOptions = {}): Promise<Account | undefined> {
  const checked = await deps.prompter.inputChecked<{ token: string; info: TokenInfo }>({
    title: vscode.l10n.t('Sign In to Northflank'),
    prompt: vscode.l10n.t('Paste a Northflank API token (Team settings → API → Tokens). Northflank checks it; it is kept in VS Code secret storage and sent only to the Northflank API.'),
    placeHolder: vscode.l10n.t('Northflank API token'),
    password: true,
    validateInput: (value) => (cleanToken(value) ? tokenProblem(cleanToken(value)) : vscode.l10n.t('Paste a token, or press Escape to cancel.')),
    check: async (value) => {
      const token = cleanToken(value);
      try {
        return { result: { token, info: await deps.connection.withToken(token).checkToken() } };
      } catch (error) {
        return refusal(error);
      }
    },
  });
  if (!checked) return undefined;
  const account = await deps.accounts.add(checked.token, tokenOwner(checked.info));
  if (options.offerNextStep) void offerLinking(deps, account);
  else void deps.prompter.notify('information', vscode.l10n.t('Signed in to Northflank as {0}.', account.label));
  return account;
}

/** Says why the token was not accepted, in the box: HTTP 401 and 403 are about the token; anything else may pass on a retry. */
function refusal(error: unknown): Checked<never> {
  if (!(error instanceof NorthflankError)) throw error;
  if (error.kind === 'unauthorized' || error.kind === 'forbidden') {
    const status = error.status ?? (error.kind === 'unauthorized' ? 401 : 403);
    return { refusal: vscode.l10n.t('Northflank refused this token (HTTP {0}). Check that you copied all of it, or create a new one.', status) };
  }
  return { refusal: error.message, canRetry: error.kind !== 'insecureUrl' };
}

/** The next step after signing in: linking the open repository, when nothing links it yet. */
async function offerLinking(deps: Deps, account: Account): Promise<void> {
  const signedIn = vscode.l10n.t('Signed in to Northflank as {0}.', account.label);
  const unlinked = (vscode.workspace.workspaceFolders ?? []).some((folder) => deps.links.forFolder(folder).length === 0);
  if (!unlinked) {
    void deps.prompter.notify('information', signedIn);
    return;
  }
  const link = vscode.l10n.t('Link Services');
  const choice = await deps.prompter.notify('information', vscode.l10n.t('{0} Link this workspace to the services and jobs that build it next.', signedIn), link);
  if (choice === link) await vscode.commands.executeCommand('northflank.linkServices');
}
