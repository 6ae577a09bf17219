import vscode = require('vscode');
import { registerCommand } from '../commandRegistry';
import type { Deps } from '../deps';
import { statusBarClick } from '../builds/runningBuilds';

/** The status bar item's command: not in the Command Palette, where Start Build already is. */
export function registerStatusBarClick(deps: Deps): vscode.Disposable {
  return registerCommand('northflank.statusBarClick', () => statusBarClick(deps));
}
