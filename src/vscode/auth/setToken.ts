import * as vscode from 'vscode';
import type { Deps } from '../deps';
import { showError } from '../errorPresenter';
import { rememberTeamId } from './teamId';
import { cleanToken, tokenProblem } from '../../northflank/apiToken';

/** Asks for a token, checks it against the API, and only then stores it. Resolves true when stored. */
export async function setToken(deps: Deps): Promise<boolean> {
  const entered = await deps.prompter.input({
    title: 'Northflank API Token',
    prompt: 'Paste a Northflank API token (Team settings → API → Tokens). It is kept in VS Code secret storage and sent only to the Northflank API.',
    password: true,
    validateInput: (value) => (cleanToken(value) ? tokenProblem(cleanToken(value)) : 'Paste a token, or press Escape to cancel.'),
  });
  const token = entered === undefined ? undefined : cleanToken(entered);
  if (!token || tokenProblem(token)) return false;
  try {
    const info = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Checking the Northflank API token…' },
      () => deps.connection.withToken(token).checkToken(),
    );
    await deps.tokens.set(token);
    await rememberTeamId(deps.context, info.entityId);
    const who = [info.name, info.entityId].filter(Boolean).join(' in ');
    void deps.prompter.notify('information', who ? `Northflank: signed in with token "${who}".` : 'Northflank: API token saved.');
    return true;
  } catch (error) {
    await showError(deps.prompter, error, 'The token was not saved');
    return false;
  }
}
