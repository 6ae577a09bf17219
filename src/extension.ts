import * as vscode from 'vscode';
import { TokenStore } from './vscode/auth/tokenStore';
import { Connection } from './vscode/connection';
import { BuildableLinks } from './vscode/links/buildableLinks';
import { BuildableCatalog } from './vscode/links/catalog';
import { windowPrompter } from './vscode/prompter';
import { BuildStore } from './vscode/builds/buildStore';
import { BuildStatusBar } from './vscode/statusBar';
import type { Deps } from './vscode/deps';
import { registerStartBuild } from './vscode/commands/startBuild';
import { registerStatusBarClick } from './vscode/commands/statusBarClick';
import { registerSetToken } from './vscode/commands/setToken';
import { registerSignOut } from './vscode/commands/signOut';
import { registerLinkServices } from './vscode/commands/linkServices';
import { registerBuildsView } from './vscode/builds/buildsView';
import { registerBuildActions } from './vscode/builds/buildActions';
import { disposeLog } from './vscode/log';
import { registerStageLenses } from './vscode/codeLens/stageLensProvider';

/** Wires the pieces together. Nothing here touches the network or runs git. */
export function activate(context: vscode.ExtensionContext): Deps {
  const tokens = new TokenStore(context.secrets);
  const connection = new Connection(tokens, `northflank-build-vscode/${context.extension.packageJSON.version as string}`);
  const catalog = new BuildableCatalog(context.globalState);
  const links = new BuildableLinks(context.workspaceState, catalog);
  const builds = new BuildStore(connection, links, catalog, context.workspaceState);
  const deps: Deps = { context, tokens, connection, links, catalog, prompter: windowPrompter, builds };
  const statusBar = new BuildStatusBar(deps);

  context.subscriptions.push(
    tokens,
    connection,
    catalog,
    links,
    builds,
    statusBar,
    ...registerStartBuild(deps),
    registerStatusBarClick(deps),
    registerSetToken(deps),
    registerSignOut(deps),
    ...registerLinkServices(deps),
    ...registerBuildsView(deps),
    ...registerBuildActions(deps),
    ...registerStageLenses(deps),
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
