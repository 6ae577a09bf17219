import * as vscode from 'vscode';
import type { Deps } from '../deps';
import { guarded, NO_TARGET, startBuildFlow, type StartBuildEntry } from '../startBuild/startBuildFlow';
import { LinkNode } from '../builds/buildTreeItems';
import { startBundleBuildFlow } from '../startBuild/startBundleBuildFlow';

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
  const startBuild = (from?: unknown) => singleFlight(deps, () => guarded(deps.prompter, () => startBuildFlow(deps, entryFrom(from))));
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
      return singleFlight(deps, () => guarded(deps.prompter, () => startBuildFlow(deps, entry)));
    }),
    vscode.commands.registerCommand('northflank.startBuildFromBundle', () => singleFlight(deps, () => guarded(deps.prompter, () => startBundleBuildFlow(deps)))),
  ];
}
