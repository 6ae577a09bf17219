import vscode = require('vscode');
import type { CommandHandler, ShellCommands } from './vscode/commandRegistry';
import type { Deps } from './vscode/deps';

/** What the integration tests reach through the extension's exports. */
export interface ExtensionApi {
  /** The pieces the commands share; made on first call if the turn after activation has not come yet. */
  deps(): Deps;
}

/**
 * Activation registers the commands the manifest contributes, each waiting for its handler, and
 * nothing else: the rest of the extension (the Builds view, sign-in, the status bar, every handler)
 * is in dist/later.js and starts on the next turn (see core.ts), or at once when one of these
 * commands runs first. A window's start waits for no more than these registrations.
 */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const commands: ShellCommands = { ids: new Set(contributedCommands(context)), handlers: new Map<string, CommandHandler>() };
  let deps: Deps | undefined;
  const start = (): Deps => (deps ??= later().startCore(context, commands));
  for (const id of commands.ids) {
    context.subscriptions.push(vscode.commands.registerCommand(id, (...args: unknown[]) => (start(), commands.handlers.get(id)?.(...args))));
  }
  const timer = setTimeout(start, 0);
  context.subscriptions.push({ dispose: () => clearTimeout(timer) });
  return { deps: start };
}

/** dist/later.js at run time (see esbuild.mjs); compiled by tsc (the tests), the module. */
function later(): typeof import('./vscode/later') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./vscode/later') as typeof import('./vscode/later');
}

function contributedCommands(context: vscode.ExtensionContext): string[] {
  const manifest = context.extension.packageJSON as { contributes?: { commands?: { command: string }[] } };
  return (manifest.contributes?.commands ?? []).map((entry) => entry.command);
}

export function deactivate(): void {}
