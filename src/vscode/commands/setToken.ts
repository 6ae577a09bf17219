import * as vscode from 'vscode';
import type { Deps } from '../deps';
import { setToken } from '../auth/setToken';

export function registerSetToken(deps: Deps): vscode.Disposable {
  return vscode.commands.registerCommand('northflank.setToken', () => setToken(deps));
}
