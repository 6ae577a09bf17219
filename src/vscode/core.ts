import vscode = require('vscode');
import { useShellCommands, type ShellCommands } from './commandRegistry';
import { AccountStore } from './auth/accountStore';
import { FolderTeams } from './auth/folderTeams';
import { registerAuthProvider } from './auth/authProvider';
import { Connection } from './connection';
import { BuildableLinks } from './links/buildableLinks';
import { BuildableCatalog } from './links/catalog';
import { windowPrompter } from './prompter';
import { BuildStore } from './builds/buildStore';
import type { Deps } from './deps';
import { registerStartBuild, warmStartBuild } from './commands/startBuild';
import { registerStatusBarClick } from './commands/statusBarClick';
import { registerSignIn } from './commands/signIn';
import { registerSignOut } from './commands/signOut';
import { registerLinkServices } from './commands/linkServices';
import { registerBuildsView } from './builds/buildsView';
import { registerBuildActions } from './builds/buildCommands';
import { disposeLog } from './log';
import { loadOnDemand } from './loadOnDemand';
import { startStatusBar } from './statusBar';
import { registerStageLenses } from './codeLens/stageLensProvider';

/**
 * Wires the pieces together, on the turn after activation (see extension.ts), or at once when a
 * command runs first. `commands` are those activation registered: each gets its handler here.
 * Nothing here touches the network or runs git.
 */
export function startCore(context: vscode.ExtensionContext, commands: ShellCommands): Deps {
  useShellCommands(commands);
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
    startStatusBar(deps),
    ...registerStartBuild(deps),
    registerStatusBarClick(deps),
    registerSignIn(deps),
    ...registerAuthProvider(deps),
    registerSignOut(deps),
    ...registerLinkServices(deps),
    ...registerBuildsView(deps),
    ...registerBuildActions(deps),
    ...registerStageLenses(deps),
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
