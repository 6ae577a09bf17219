import vscode = require('vscode');
import { DOCKERFILE_GLOB } from '../../dockerfile/dockerfileName';
import { locateChosenDockerfile } from '../../dockerfile/dockerfileLocation';
import type { Answered, StepPlace } from '../flowSteps';
import type { PickItem, Prompter } from '../prompter';
import { describeLastBuild, type LastBuild } from './lastBuild';

/** The answer that stands for all of last time's choices. */
export const LIKE_LAST_TIME = 'likeLastTime';

/** A Dockerfile of the repository as the pick lists it. */
export interface ListedDockerfile {
  uri: vscode.Uri;
  /** The path as the API takes it, or as close as it can be written when the API refuses it. */
  apiPath: string;
  /** Why the API would refuse this path. */
  problem?: string;
}

const ALWAYS_EXCLUDED = ['**/node_modules/**', '**/.git/**'];

/**
 * The Dockerfiles of the repository found by `findDockerfiles`, as the API names them, the service's
 * configured one first. A path the API refuses is kept, with why, so the pick can show it disabled.
 */
export async function listDockerfiles(searching: Promise<vscode.Uri[]>, repositoryRoot: string, configuredPath: string | undefined): Promise<ListedDockerfile[]> {
  const found = await searching;
  // A symlinked Dockerfile keeps its own path: Northflank's clone has the same link.
  const located = await Promise.all(found.map(async (uri) => ({ uri, location: await locateChosenDockerfile(repositoryRoot, uri.fsPath) })));
  return (
    located
      // A file outside the repository can't be built at all, so it is not listed.
      .filter((entry) => entry.location.ok || entry.location.reason === 'rejectedPath')
      .map(({ uri, location }) =>
        location.ok ? { uri, apiPath: location.dockerFilePath } : { uri, apiPath: `/${vscode.workspace.asRelativePath(uri, false)}`, problem: location.message },
      )
      .sort((a, b) => rank(a, configuredPath) - rank(b, configuredPath) || a.apiPath.localeCompare(b.apiPath))
  );
}

/**
 * Asks which Dockerfile to build, from the repository's (see `listDockerfiles`); no question when only
 * one can be built and there is no last build to repeat. Last time's choices come first when that
 * Dockerfile is still there.
 */
export async function pickDockerfile(
  prompter: Prompter,
  place: StepPlace,
  folder: vscode.WorkspaceFolder,
  listed: ListedDockerfile[],
  configuredPath: string | undefined,
  last?: LastBuild,
): Promise<Answered<vscode.Uri | typeof LIKE_LAST_TIME>> {
  const buildable = listed.filter((entry) => !entry.problem);
  if (listed.length === 0) {
    void prompter.notify(
      'warning',
      vscode.l10n.t('Northflank: no Dockerfile found in {0}. Add one (named Dockerfile, Dockerfile.*, *.Dockerfile or Containerfile), or check files.exclude and search.exclude.', folder.name),
    );
    return undefined;
  }
  if (buildable.length === 0) {
    void prompter.notify('error', vscode.l10n.t('Northflank: {0} Nothing was sent.', listed.map((entry) => entry.problem).join(' ')));
    return undefined;
  }
  const repeat = last?.dockerFilePath && buildable.some((entry) => entry.apiPath === last.dockerFilePath) ? last : undefined;
  if (listed.length === 1 && !repeat) return { value: buildable[0].uri, asked: false };
  const items: Array<PickItem<vscode.Uri | typeof LIKE_LAST_TIME>> = listed.map((entry) => ({
    label: entry.problem ? `$(circle-slash) ${entry.apiPath}` : entry.apiPath,
    description: entry.apiPath === configuredPath ? vscode.l10n.t('$(star-full) configured on the service') : undefined,
    detail: entry.problem,
    disabledReason: entry.problem,
    value: entry.uri,
  }));
  if (repeat) items.unshift({ label: vscode.l10n.t('$(history) Like last time'), description: describeLastBuild(repeat), value: LIKE_LAST_TIME });
  const chosen = await prompter.pickStep(items, {
    title: place.title(vscode.l10n.t('Dockerfile')),
    placeholder: vscode.l10n.t('Which Dockerfile should Northflank build?'),
    active: (item) => !item.disabledReason,
    back: place.back,
  });
  return chosen === undefined || typeof chosen === 'symbol' ? (chosen as undefined) : { value: chosen, asked: true };
}

/** Whether `pickDockerfile` would ask. */
export function asksDockerfile(listed: ListedDockerfile[], last?: LastBuild): boolean {
  return listed.length > 1 || listed.some((entry) => entry.problem) || (last?.dockerFilePath !== undefined && listed.some((entry) => entry.apiPath === last.dockerFilePath));
}

export async function findDockerfiles(folder: vscode.WorkspaceFolder): Promise<vscode.Uri[]> {
  return vscode.workspace.findFiles(new vscode.RelativePattern(folder, DOCKERFILE_GLOB), excludeGlob(folder.uri));
}

/** An explicit exclude replaces the default one, so files.exclude is merged back in. */
function excludeGlob(scope: vscode.Uri): string {
  const patterns = new Set(ALWAYS_EXCLUDED);
  for (const section of ['files.exclude', 'search.exclude']) {
    const settings = vscode.workspace.getConfiguration(undefined, scope).get<Record<string, unknown>>(section) ?? {};
    for (const [pattern, enabled] of Object.entries(settings)) if (enabled === true) patterns.add(pattern);
  }
  return `{${[...patterns].join(',')}}`;
}

function rank(entry: ListedDockerfile, configuredPath: string | undefined): number {
  if (entry.problem) return 2;
  return entry.apiPath === configuredPath ? 0 : 1;
}
