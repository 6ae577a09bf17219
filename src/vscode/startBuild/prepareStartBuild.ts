import vscode = require('vscode');
import type { Deps } from '../deps';
import { dockerfileIndex } from './dockerfileIndex';

/**
 * What the first Start Build of a window would otherwise wait for, done in idle time after activation
 * when a build is likely (signed in, a folder linked, the workspace trusted): the search for each
 * linked folder's Dockerfiles, which the index then keeps up to date. No git runs and nothing is sent.
 */
export function prepareStartBuild(deps: Deps): void {
  if (!vscode.workspace.isTrusted) return;
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (deps.links.forFolder(folder).length > 0) void dockerfileIndex(deps.context).list(folder).catch(() => undefined);
  }
}
