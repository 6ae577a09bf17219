import vscode = require('vscode');
import { registerCommand } from '../commandRegistry';
import type { Deps } from '../deps';
import { loadLater } from '../loadLater';

/** The status bar item's command: not in the Command Palette, where Start Build already is. */
export function registerStatusBarClick(deps: Deps): vscode.Disposable {
  return registerCommand('northflank.statusBarClick', () => loadLater().statusBarClick(deps));
}
