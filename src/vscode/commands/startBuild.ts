import vscode = require('vscode');
import { loadOnDemand } from '../loadOnDemand';
import type { Deps } from '../deps';
import { NO_TARGET, type StartBuildEntry } from '../startBuild/startBuildEntry';
import { LinkNode } from '../builds/buildTreeItems';

/**
 * The flows, with git (simple-git) and the request rules (yup), load on the first Start Build from
 * dist/onDemand.js, not with the extension: a window that never builds never pays for them.
 */
const flows = loadOnDemand;

let running: Promise<unknown> | undefined;

/**
 * One flow at a time: a second click while a build is being started must not
 * start a second build.
 */
function singleFlight(deps: Deps, flow: () => Promise<unknown>): Promise<unknown> {
  if (running) {
    void deps.prompter.notify('information', vscode.l10n.t('Northflank: a build is already being started in this window.'));
    return running;
  }
  running = flow().finally(() => (running = undefined));
  return running;
}

/** What VS Code passes: the clicked file from a menu, a link's row from the Builds view, nothing from the palette. */
function entryFrom(from: unknown): StartBuildEntry {
  if (from instanceof vscode.Uri) return { dockerfile: from };
  if (from instanceof LinkNode) return { link: from.entry.link };
  return {};
}

export function registerStartBuild(deps: Deps): vscode.Disposable[] {
  const run = (flow: (loaded: Awaited<ReturnType<typeof flows>>) => Promise<unknown>) =>
    singleFlight(deps, async () => {
      const loaded = await flows();
      return loaded.guarded(deps.prompter, () => flow(loaded));
    });
  const startBuild = (from?: unknown) => run(({ startBuildFlow }) => startBuildFlow(deps, entryFrom(from)));
  return [
    vscode.commands.registerCommand('northflank.startBuild', startBuild),
    // The same, under titles that say Northflank where menus leave out the category: a Dockerfile's
    // menus and editor title ("Build with Northflank"), the Builds view ("Start Northflank Build").
    vscode.commands.registerCommand('northflank.buildThisDockerfile', startBuild),
    vscode.commands.registerCommand('northflank.builds.startBuild', startBuild),
    // A stage's lens: that Dockerfile, that stage (none given: a lone unnamed stage, built with no target).
    vscode.commands.registerCommand('northflank.buildStage', (dockerfile: unknown, target?: unknown) => {
      if (!(dockerfile instanceof vscode.Uri)) return undefined;
      const entry: StartBuildEntry = { dockerfile, target: typeof target === 'string' ? target : NO_TARGET };
      return run(({ startBuildFlow }) => startBuildFlow(deps, entry));
    }),
    vscode.commands.registerCommand('northflank.startBuildFromBundle', () => run(({ startBundleBuildFlow }) => startBundleBuildFlow(deps))),
  ];
}
