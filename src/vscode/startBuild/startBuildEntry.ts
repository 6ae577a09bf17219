import type vscode = require('vscode');
import type { BuildableRef } from '../../northflank/types';

/** Where Start Build was asked from: a Dockerfile's menu, a link in the Builds view, or neither. */
export interface StartBuildEntry {
  dockerfile?: vscode.Uri;
  link?: BuildableRef;
  /** The stage to build, chosen already (a stage's lens): no target question. With `dockerfile` only. */
  target?: string | typeof NO_TARGET;
}

/** `StartBuildEntry.target` for a lone unnamed stage: build the file with no target, and ask nothing. */
export const NO_TARGET = Symbol.for('northflank.noTarget');
