import vscode = require('vscode');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a command takes whatever its caller passes
export type CommandHandler = (...args: any[]) => unknown;

/** The commands activation registered, each waiting for its handler (see extension.ts). */
export interface ShellCommands {
  ids: ReadonlySet<string>;
  handlers: Map<string, CommandHandler>;
}

let shell: ShellCommands | undefined;

/** From now on, a command activation registered gets its handler here instead of being registered again. */
export function useShellCommands(commands: ShellCommands): void {
  shell = commands;
}

/** `vscode.commands.registerCommand`, for the commands activation did not register already. */
export function registerCommand(id: string, handler: CommandHandler): vscode.Disposable {
  const waiting = shell;
  if (!waiting?.ids.has(id)) return vscode.commands.registerCommand(id, handler);
  waiting.handlers.set(id, handler);
  return { dispose: () => waiting.handlers.get(id) === handler && waiting.handlers.delete(id) };
}
