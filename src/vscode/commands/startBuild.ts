import * as vscode from 'vscode';
import type { Deps } from '../deps';
import { guarded, startBuildFlow } from '../startBuild/startBuildFlow';
import { startBundleBuildFlow } from '../startBuild/startBundleBuildFlow';

let running: Promise<unknown> | undefined;

/**
 * One flow at a time: a second click while a build is being started must not
 * start a second build.
 */
function singleFlight(flow: () => Promise<unknown>): Promise<unknown> {
  if (running) {
    void vscode.window.showInformationMessage('Northflank: a build is already being started in this window.');
    return running;
  }
  running = flow().finally(() => (running = undefined));
  return running;
}

export function registerStartBuild(deps: Deps): vscode.Disposable[] {
  return [
    // From a menu, VS Code passes the clicked file; from the palette or status bar, nothing.
    vscode.commands.registerCommand('northflank.startBuild', (resource?: unknown) =>
      singleFlight(() => guarded(() => startBuildFlow(deps, resource instanceof vscode.Uri ? resource : undefined))),
    ),
    vscode.commands.registerCommand('northflank.startBuildFromBundle', () => singleFlight(() => guarded(() => startBundleBuildFlow(deps)))),
  ];
}
