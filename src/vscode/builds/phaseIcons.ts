import vscode = require('vscode');
import type { BuildPhase } from '../../northflank/buildStatus';

/** One codicon per phase, so the Builds view and the status bar always agree. */
export const PHASE_CODICON: Record<BuildPhase, string> = {
  queued: 'clock',
  running: 'sync~spin',
  succeeded: 'pass',
  failed: 'error',
  aborted: 'circle-slash',
};

const PHASE_COLOR: Partial<Record<BuildPhase, string>> = {
  succeeded: 'testing.iconPassed',
  failed: 'testing.iconFailed',
};

export function phaseIcon(phase: BuildPhase): vscode.ThemeIcon {
  const color = PHASE_COLOR[phase];
  return new vscode.ThemeIcon(PHASE_CODICON[phase], color ? new vscode.ThemeColor(color) : undefined);
}
