import * as vscode from 'vscode';
import { Emulator, FAST_PACE, startEmulator } from '../../emulator';
import { EMULATOR_PORT_VARIABLE } from './runnerProtocol';

export const EXTENSION_ID = 'northflank-build-community.northflank-build';

let running: Emulator | undefined;

export async function startSuiteEmulator(): Promise<void> {
  const port = Number(process.env[EMULATOR_PORT_VARIABLE] ?? 0);
  // The push route lets a fixture's origin hook start CI builds; only the push tests install that hook.
  running = await startEmulator({ port, pace: FAST_PACE, ciPushHook: true });
}

export async function stopSuiteEmulator(): Promise<void> {
  await running?.stop();
  running = undefined;
}

/** The emulator the extension talks to during this run. */
export function emulator(): Emulator {
  if (running === undefined) throw new Error('the suite emulator is not running');
  return running;
}

export function extensionUnderTest(): vscode.Extension<unknown> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (extension === undefined) throw new Error(`extension ${EXTENSION_ID} is not loaded in this window`);
  return extension;
}

/** Waits for the extension's own activation events; never calls activate(), which would hide a missing event. */
export async function activatedExtension(timeoutMs = 15_000): Promise<vscode.Extension<unknown>> {
  const extension = extensionUnderTest();
  await waitFor(() => extension.isActive, timeoutMs, `${EXTENSION_ID} to activate`);
  return extension;
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (folder === undefined) throw new Error('the test window has no workspace folder open');
  return folder.uri;
}

export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
}
