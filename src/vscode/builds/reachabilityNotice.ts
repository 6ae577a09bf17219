import vscode = require('vscode');
import type { NorthflankError } from '../../northflank/errors';
import type { Deps } from '../deps';

/**
 * Says once, where people look, that Northflank can't be reached: a warning with Retry and Open
 * Settings when the outage starts (the status bar shows it for as long as it lasts), and a quiet
 * status-bar line when it ends. Polls that keep failing do not repeat the warning.
 */
export function registerReachabilityNotice(deps: Deps): vscode.Disposable {
  return deps.builds.onDidChangeReachability((error) => (error ? void warn(deps, error) : void vscode.window.setStatusBarMessage(vscode.l10n.t('Northflank: reachable again'), 5000)));
}

async function warn(deps: Deps, error: NorthflankError): Promise<void> {
  const retry = vscode.l10n.t('Retry');
  const openSettings = vscode.l10n.t('Open Settings');
  const choice = await vscode.window.showWarningMessage(vscode.l10n.t("Northflank can't be reached, so builds are not being updated. {0}", error.message), retry, openSettings);
  if (choice === retry) await deps.builds.refresh();
  if (choice === openSettings) await vscode.commands.executeCommand('workbench.action.openSettings', 'northflank.apiUrl');
}
