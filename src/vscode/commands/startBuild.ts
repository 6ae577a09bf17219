import vscode = require('vscode');
import { registerCommand } from '../commandRegistry';
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

/** Passed by `warmStartBuild` alone: nothing else in the process holds this object. */
const WARM_UP = Object.freeze({});

/**
 * The first run of a command in a window makes VS Code ask the extension host whether the command's
 * activation event activates anything, and wait for the answer: one more round trip between the
 * window and the extension host before Start Build begins. Running the command here once, with an
 * argument that makes it do nothing, lets VS Code ask that question now instead (it does, without
 * waiting, when an extension runs its own command), so that a person's first Start Build goes
 * straight to the handler. Nothing is read, asked or sent.
 */
export function warmStartBuild(): Thenable<unknown> {
  return vscode.commands.executeCommand('northflank.startBuild', WARM_UP);
}

export function registerStartBuild(deps: Deps): vscode.Disposable[] {
  const run = (flow: (loaded: Awaited<ReturnType<typeof flows>>) => Promise<unknown>) =>
    singleFlight(deps, async () => {
      const loaded = await flows();
      return loaded.guarded(deps.prompter, () => flow(loaded));
    });
  const startBuild = (from?: unknown) => (from === WARM_UP ? undefined : run(({ startBuildFlow }) => startBuildFlow(deps, entryFrom(from))));
  return [
    registerCommand('northflank.startBuild', startBuild),
    // The same, under titles that say Northflank where menus leave out the category: a Dockerfile's
    // menus and editor title ("Build with Northflank"), the Builds view ("Start Northflank Build").
    registerCommand('northflank.buildThisDockerfile', startBuild),
    registerCommand('northflank.builds.startBuild', startBuild),
    // A stage's lens: that Dockerfile, that stage (none given: a lone unnamed stage, built with no target).
    registerCommand('northflank.buildStage', (dockerfile: unknown, target?: unknown) => {
      if (!(dockerfile instanceof vscode.Uri)) return undefined;
      const entry: StartBuildEntry = { dockerfile, target: typeof target === 'string' ? target : NO_TARGET };
      return run(({ startBuildFlow }) => startBuildFlow(deps, entry));
    }),
    registerCommand('northflank.startBuildFromBundle', () => run(({ startBundleBuildFlow }) => startBundleBuildFlow(deps))),
  ];
}
