import vscode = require('vscode');

/** One channel for both bundles (see onDemand.ts): kept under a registered symbol, not in a module variable. */
const CHANNEL = Symbol.for('northflank.log');
const shared = globalThis as { [CHANNEL]?: vscode.LogOutputChannel };

/** The "Northflank" output channel, created on first use so activation stays cheap. */
export function log(): vscode.LogOutputChannel {
  shared[CHANNEL] ??= vscode.window.createOutputChannel('Northflank', { log: true });
  return shared[CHANNEL];
}

export function disposeLog(): void {
  shared[CHANNEL]?.dispose();
  shared[CHANNEL] = undefined;
}
