import type vscode = require('vscode');
import { matchDockerfile, type DockerfileMatch } from '../../links/dockerfileMatch';
import { parseBuildableKey, sameBuildable } from '../../northflank/buildableRef';
import type { Deps } from '../deps';
import type { BuildableLink } from '../links/buildableLink';

// Which link builds a Dockerfile, from what is known (no request, no git): the lenses ask it for every
// Dockerfile shown, so it stays out of the Start Build flow's module, which loads on first use.

const DOCKERFILE_CHOICE = 'northflank.dockerfileChoice:';

/**
 * The link a right-click on the Dockerfile would build with no question, from what is known now (no
 * request is made): undefined when none or several match, and Start Build would ask.
 */
export function linkBuildingDockerfile(deps: Deps, folder: vscode.WorkspaceFolder, dockerFilePath: string): BuildableLink | undefined {
  const links = deps.links.forFolder(folder);
  const match = matchLinked(deps, folder, links, dockerFilePath);
  return match.kind === 'one' ? links.find((link) => sameBuildable(link, match.ref)) : undefined;
}

export function choiceKeyOf(folder: vscode.WorkspaceFolder, dockerFilePath: string): string {
  return `${DOCKERFILE_CHOICE}${folder.uri.toString()}:${dockerFilePath}`;
}

export function matchLinked(deps: Deps, folder: vscode.WorkspaceFolder, links: BuildableLink[], dockerFilePath: string): DockerfileMatch {
  const remembered = parseBuildableKey(deps.context.workspaceState.get<string>(choiceKeyOf(folder, dockerFilePath)) ?? '');
  const candidates = links.map((link) => {
    const settings = deps.catalog.settings(link);
    return { ref: link, buildMethod: settings?.buildMethod, dockerFilePath: link.dockerFilePath ?? settings?.dockerfile.path };
  });
  return matchDockerfile(dockerFilePath, candidates, remembered);
}
