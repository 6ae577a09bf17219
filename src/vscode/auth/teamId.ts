import type * as vscode from 'vscode';

const KEY = 'northflank.teamId';

/** The team slug the token belongs to, learnt at sign-in; only used to build app links. */
export function teamId(context: vscode.ExtensionContext): string | undefined {
  return context.globalState.get<string>(KEY);
}

export function rememberTeamId(context: vscode.ExtensionContext, value: string | undefined): Thenable<void> {
  return context.globalState.update(KEY, value);
}
