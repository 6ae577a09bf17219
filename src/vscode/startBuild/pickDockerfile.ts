import * as vscode from 'vscode';
import { DOCKERFILE_GLOB } from '../../dockerfile/dockerfileName';
import { locateChosenDockerfile } from '../../dockerfile/dockerfileLocation';
import type { DockerfileSettings } from '../../northflank/types';
import type { PickItem, Prompter } from '../prompter';
import { describeLastBuild, type LastBuild } from './lastBuild';

/** The answer that stands for all of last time's choices. */
export const LIKE_LAST_TIME = 'likeLastTime';

const ALWAYS_EXCLUDED = ['**/node_modules/**', '**/.git/**'];

/**
 * Finds the Dockerfiles of the repository with VS Code's own search, so
 * `files.exclude` and `search.exclude` are honoured, and asks which one to build.
 * The service's configured Dockerfile comes first; the pick is skipped for one file.
 */
export async function pickDockerfile(
  prompter: Prompter,
  folder: vscode.WorkspaceFolder,
  repositoryRoot: string,
  configured: DockerfileSettings,
  searching: Promise<vscode.Uri[]> = findDockerfiles(folder),
  last?: LastBuild,
): Promise<vscode.Uri | typeof LIKE_LAST_TIME | undefined> {
  const found = await searching;
  // A symlinked Dockerfile keeps its own path: Northflank's clone has the same link.
  const located = await Promise.all(found.map(async (uri) => ({ uri, location: await locateChosenDockerfile(repositoryRoot, uri.fsPath) })));
  const inRepository = located
    // A file outside the repository can't be built; an invalid path is still offered so the user learns why.
    .filter((entry) => entry.location.ok || entry.location.reason === 'rejectedPath')
    .map((entry) => ({ uri: entry.uri, apiPath: entry.location.ok ? entry.location.dockerFilePath : `/${vscode.workspace.asRelativePath(entry.uri, false)}` }))
    .sort((a, b) => rank(a.apiPath, configured.path) - rank(b.apiPath, configured.path) || a.apiPath.localeCompare(b.apiPath));
  if (inRepository.length === 0) {
    void vscode.window.showWarningMessage(
      `Northflank: no Dockerfile found in ${folder.name}. Add one (named Dockerfile, Dockerfile.*, *.Dockerfile or Containerfile), or check files.exclude and search.exclude.`,
    );
    return undefined;
  }
  const repeat = last?.dockerFilePath && inRepository.some((entry) => entry.apiPath === last.dockerFilePath) ? last : undefined;
  if (inRepository.length === 1 && !repeat) return inRepository[0].uri;
  const items: Array<PickItem<vscode.Uri | typeof LIKE_LAST_TIME>> = inRepository.map((entry) => ({
    label: entry.apiPath,
    description: entry.apiPath === configured.path ? '$(star-full) configured on the service' : undefined,
    value: entry.uri,
  }));
  if (repeat) items.unshift({ label: '$(history) Like last time', description: describeLastBuild(repeat), value: LIKE_LAST_TIME });
  return prompter.pick(items, { title: 'Start Build: Dockerfile', placeholder: 'Which Dockerfile should Northflank build?' });
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

function rank(apiPath: string, configuredPath: string | undefined): number {
  return apiPath === configuredPath ? 0 : 1;
}
