import vscode = require('vscode');
import { validateBuildRequest } from '../../build/buildRequest';
import { gitForReading } from '../../git/gitProcess';
import type { Deps } from '../deps';
import { dockerfileIndex } from './dockerfileIndex';
import { readStages } from './pickTarget';

/** The most Dockerfiles of a folder whose stages are read ahead. */
const STAGES_READ_AHEAD = 20;

/**
 * What the first Start Build of a window would otherwise wait for, done in idle time after activation
 * when a build is likely (signed in, a folder linked, the workspace trusted): the search for each
 * linked folder's Dockerfiles, which the index then keeps up to date, and their stages. The code the
 * flow runs first is run once too (V8 compiles a function on its first call): the request rules on a
 * body like a build's, and git's wrapper is made. No git process runs and nothing is sent.
 */
export function prepareStartBuild(deps: Deps): void {
  if (!vscode.workspace.isTrusted) return;
  let warm = false;
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (deps.links.forFolder(folder).length === 0) continue;
    void dockerfileIndex(deps.context)
      .list(folder)
      .then((files) => Promise.all(files.slice(0, STAGES_READ_AHEAD).map((uri) => readStages(uri.fsPath).catch(() => undefined))))
      .catch(() => undefined);
    if (!warm) {
      warm = true;
      validateBuildRequest({ sha: '0'.repeat(40), dockerFilePath: '/Dockerfile', dockerWorkDir: '/' }, { kind: 'combined', buildMethod: 'dockerfile' });
      gitForReading(folder.uri.fsPath);
    }
  }
}
