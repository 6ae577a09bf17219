import vscode = require('vscode');
import { registerCommand } from '../commandRegistry';
import type { Deps } from '../deps';
import { signIn } from '../auth/signIn';

/** `northflank.setToken` keeps its id from before sign-in had a name, so keybindings and links to it still work. */
export function registerSignIn(deps: Deps): vscode.Disposable {
  return registerCommand('northflank.setToken', () => signIn(deps, { offerNextStep: true }));
}
