import vscode = require('vscode');
import { buildableKey } from '../../northflank/buildableRef';
import type { LastBuild } from '../../build/lastBuildChoices';
import type { BuildableRef, StartBuildBody } from '../../northflank/types';

export type { LastBuild };

const KEY_PREFIX = 'northflank.lastBuild:';

export function lastBuild(state: vscode.Memento, ref: BuildableRef): LastBuild | undefined {
  return state.get<LastBuild>(KEY_PREFIX + buildableKey(ref));
}

/** Keeps the overrides that were sent; the source (commit, branch) is read afresh each time. */
export function rememberLastBuild(state: vscode.Memento, ref: BuildableRef, body: StartBuildBody): Thenable<void> {
  const docker = body.overrides?.docker;
  const last: LastBuild = {
    dockerFilePath: docker?.dockerFilePath,
    dockerWorkDir: docker?.dockerWorkDir,
    dockerfileTarget: docker?.dockerfileTarget,
    buildArguments: body.overrides?.buildArguments,
  };
  return state.update(KEY_PREFIX + buildableKey(ref), last);
}

/** `/services/api/Dockerfile · context /services/api · target runtime · 2 build arguments` */
export function describeLastBuild(last: LastBuild): string {
  const args = Object.keys(last.buildArguments ?? {}).length;
  return [
    last.dockerFilePath,
    last.dockerWorkDir ? vscode.l10n.t('context {0}', last.dockerWorkDir) : undefined,
    last.dockerfileTarget ? vscode.l10n.t('target {0}', last.dockerfileTarget) : undefined,
    args === 1 ? vscode.l10n.t('1 build argument') : args > 1 ? vscode.l10n.t('{0} build arguments', args) : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}

