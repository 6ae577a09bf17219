import vscode = require('vscode');
import { AccountStore } from './vscode/auth/accountStore';
import { FolderTeams } from './vscode/auth/folderTeams';
import { registerAuthProvider } from './vscode/auth/authProvider';
import { Connection } from './vscode/connection';
import { BuildableLinks } from './vscode/links/buildableLinks';
import { BuildableCatalog } from './vscode/links/catalog';
import { windowPrompter } from './vscode/prompter';
import { BuildStore } from './vscode/builds/buildStore';
import type { Deps } from './vscode/deps';
import { registerStartBuild, warmStartBuild } from './vscode/commands/startBuild';
import { registerStatusBarClick } from './vscode/commands/statusBarClick';
import { registerSignIn } from './vscode/commands/signIn';
import { registerSignOut } from './vscode/commands/signOut';
import { registerLinkServices } from './vscode/commands/linkServices';
import { registerBuildsView } from './vscode/builds/buildsView';
import { registerBuildActions } from './vscode/builds/buildCommands';
import { disposeLog } from './vscode/log';
import { loadOnDemand } from './vscode/loadOnDemand';
import { afterActivation } from './vscode/afterActivation';
import { loadLater } from './vscode/loadLater';

/** Wires the pieces together. Nothing here touches the network or runs git. */
export function activate(context: vscode.ExtensionContext): Deps {
  const accounts = new AccountStore(context.secrets, context.globalState);
  const catalog = new BuildableCatalog(context.globalState);
  const links = new BuildableLinks(context.workspaceState, catalog);
  const teams = new FolderTeams(context.workspaceState, links);
  const connection = new Connection(accounts, teams, `northflank-build-vscode/${context.extension.packageJSON.version as string}`);
  const builds = new BuildStore(connection, links, catalog, context.workspaceState);
  const deps: Deps = { context, accounts, teams, connection, links, catalog, prompter: windowPrompter, builds };

  context.subscriptions.push(
    accounts,
    connection,
    catalog,
    links,
    builds,
    afterActivation(async () => [loadLater().startStatusBar(deps)]),
    ...registerStartBuild(deps),
    registerStatusBarClick(deps),
    registerSignIn(deps),
    ...registerAuthProvider(deps),
    registerSignOut(deps),
    ...registerLinkServices(deps),
    ...registerBuildsView(deps),
    ...registerBuildActions(deps),
    afterActivation(async () => loadLater().registerStageLenses(deps)),
    accounts.onDidChange(() => void signedInContext(deps)),
    { dispose: disposeLog },
  );
  void signedInContext(deps);
  context.subscriptions.push(preloadOnDemand(deps));
  return deps;
}

/** How long after activation the flows' bundle loads, once the window has settled. */
const PRELOAD_AFTER_MS = 2_000;

/**
 * In idle time after activation, VS Code learns that Start Build's command needs no activation (see
 * `warmStartBuild`). Signed in, a build is likely: the flows' bundle (dist/onDemand.js) loads, and
 * the linked folders' Dockerfiles are searched for, so the first Start Build waits for neither. No
 * git runs and nothing is sent.
 */
function preloadOnDemand(deps: Deps): vscode.Disposable {
  const timer = setTimeout(() => {
    void warmStartBuild();
    void deps.accounts.has().then(async (signedIn) => {
      if (signedIn) (await loadOnDemand()).prepareStartBuild(deps);
    });
  }, PRELOAD_AFTER_MS);
  return { dispose: () => clearTimeout(timer) };
}

/** `northflank.hasToken` drives the welcome view, the palette and the view's buttons; signing out clears the builds shown. */
async function signedInContext(deps: Deps): Promise<void> {
  const signedIn = await deps.accounts.has();
  await vscode.commands.executeCommand('setContext', 'northflank.hasToken', signedIn);
  if (!signedIn) deps.builds.clear();
}

export function deactivate(): void {}
