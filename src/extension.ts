import * as vscode from 'vscode';
import { TokenStore } from './vscode/auth/tokenStore';
import { Connection } from './vscode/connection';
import { ServiceLinks } from './vscode/serviceLinks';
import { windowPrompter } from './vscode/prompter';
import { BuildStore } from './vscode/builds/buildStore';
import { BuildStatusBar } from './vscode/statusBar';
import type { Deps } from './vscode/deps';
import { registerStartBuild } from './vscode/commands/startBuild';
import { registerSetToken } from './vscode/commands/setToken';
import { registerSignOut } from './vscode/commands/signOut';
import { registerSelectService } from './vscode/commands/selectService';
import { registerBuildsView } from './vscode/builds/buildsView';
import { registerBuildActions } from './vscode/builds/buildActions';
import { disposeLog } from './vscode/log';

/** Wires the pieces together. Nothing here touches the network or runs git. */
export function activate(context: vscode.ExtensionContext): Deps {
  const tokens = new TokenStore(context.secrets);
  const connection = new Connection(tokens, `northflank-build-vscode/${context.extension.packageJSON.version as string}`);
  const links = new ServiceLinks(context.workspaceState);
  const builds = new BuildStore(connection, links, context.workspaceState);
  const deps: Deps = { context, tokens, connection, links, prompter: windowPrompter, builds };
  const statusBar = new BuildStatusBar(deps);

  context.subscriptions.push(
    tokens,
    connection,
    links,
    builds,
    statusBar,
    ...registerStartBuild(deps),
    registerSetToken(deps),
    registerSignOut(deps),
    registerSelectService(deps),
    ...registerBuildsView(deps),
    ...registerBuildActions(deps),
    tokens.onDidChange((hasToken) => {
      void vscode.commands.executeCommand('setContext', 'northflank.hasToken', hasToken);
      if (!hasToken) builds.clear();
    }),
    { dispose: disposeLog },
  );
  void tokens.has().then((hasToken) => vscode.commands.executeCommand('setContext', 'northflank.hasToken', hasToken));
  void statusBar.detectRepository();
  return deps;
}

export function deactivate(): void {}
