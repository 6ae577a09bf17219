import * as vscode from 'vscode';
import { locateChosenDockerfile } from '../../dockerfile/dockerfileLocation';
import { validateBuildRequest, type FieldError } from '../../build/buildRequest';
import type { Build, BuildableRef, JobDetails, ServiceDetails } from '../../northflank/types';
import type { Deps } from '../deps';
import { showError } from '../errorPresenter';
import type { BuildableLink } from '../links/buildableLink';
import { kindOf } from '../links/catalog';
import { ensureToken } from '../auth/ensureToken';
import { locateRepository, readLocatedRepository, workspaceTrustedForGit } from './resolveRepository';
import { chooseBuildable, rememberBuilt } from './chooseBuildable';
import { chooseSource, sourceFields, sourceName } from './chooseSource';
import { confirmRepositoryState } from './confirmRepositoryState';
import { findDockerfiles, LIKE_LAST_TIME, pickDockerfile } from './pickDockerfile';
import { pickWorkDir } from './pickWorkDir';
import { pickTarget } from './pickTarget';
import { chooseBuildArguments } from './buildArguments';
import { lastBuild, rememberLastBuild } from './lastBuild';
import { sendBuild } from './sendBuild';

/** Where Start Build was asked from: a Dockerfile's menu, a link in the Builds view, or neither. */
export interface StartBuildEntry {
  dockerfile?: vscode.Uri;
  link?: BuildableRef;
}

interface DockerChoice {
  dockerFilePath?: string;
  dockerWorkDir?: string;
  dockerfileTarget?: string;
  buildArguments?: Record<string, string>;
}

/**
 * Start Build, top to bottom: workspace trust, token, repository, which service or job, what to build,
 * Dockerfile, build context, target, arguments, validate, send. A buildpack build skips the Dockerfile
 * questions. Every question can be cancelled, and cancelling sends nothing.
 */
export async function startBuildFlow(deps: Deps, entry: StartBuildEntry = {}): Promise<Build | undefined> {
  if (!workspaceTrustedForGit() || !(await ensureToken(deps))) return undefined;
  const dockerfileFromMenu = entry.dockerfile;
  const located = await locateRepository(deps.prompter, dockerfileFromMenu);
  if (!located) return undefined;
  const { folder } = located;
  const api = deps.connection.api();

  // git and the Dockerfile search do not depend on what is built: they run while the link is chosen.
  // With one link (or one clicked in the view) its details are read beside them too.
  const reading = readLocatedRepository(located);
  const folderLinks = deps.links.forFolder(folder);
  const known = entry.link ? deps.links.find(entry.link)?.link : folderLinks.length === 1 && !dockerfileFromMenu ? folderLinks[0] : undefined;
  const earlyRead = known ? settled(readBuildable(deps, known)) : undefined;
  const searching = dockerfileFromMenu ? undefined : settled(findDockerfiles(folder));
  const resolved = await reading;
  if (!resolved) return undefined;
  const { repository } = resolved;
  const menuLocation = dockerfileFromMenu ? await locateChosenDockerfile(repository.root, dockerfileFromMenu.fsPath) : undefined;
  if (menuLocation && !menuLocation.ok) {
    void vscode.window.showErrorMessage(`Northflank: ${menuLocation.message} Nothing was sent.`);
    return undefined;
  }

  const link = known ?? (await chooseBuildable(deps, folder, menuLocation?.dockerFilePath));
  if (!link) return undefined;
  const details = await (link === known && earlyRead ? earlyRead : readBuildable(deps, link));
  const kind = link.kind ?? kindOf(link, details);
  if (!kind) {
    void vscode.window.showErrorMessage(`Northflank: ${link.name} is a ${(details as ServiceDetails).serviceType} service, which runs an image and has no builds. Link a combined or build service, or a job.`);
    return undefined;
  }

  const source = await chooseSource(deps.prompter, api, link, kind, repository);
  if (!source || !(await confirmRepositoryState(deps.prompter, repository, source))) return undefined;

  let choice: DockerChoice | undefined;
  if (details.buildMethod === 'buildpack') {
    const buildArguments = await chooseBuildArguments(deps.prompter, folder.uri);
    choice = buildArguments && { buildArguments };
  } else {
    const configured = { ...details.dockerfile, path: link.dockerFilePath ?? details.dockerfile.path };
    const last = dockerfileFromMenu ? undefined : lastBuild(deps.context.workspaceState, link);
    const picked = dockerfileFromMenu ?? (await pickDockerfile(deps.prompter, folder, repository.root, configured, searching, last));
    if (picked === LIKE_LAST_TIME) choice = last;
    else if (picked) choice = await dockerChoices(deps, folder, repository.root, picked, configured);
  }
  if (!choice) return undefined;

  const validation = validateBuildRequest({ ...sourceFields(source), ...choice }, { kind, buildMethod: details.buildMethod });
  if (!validation.ok) {
    showInvalid(validation.errors);
    return undefined;
  }
  const label = source.kind === 'commit' ? `${sourceName(source) ?? 'HEAD'}@${repository.sha.slice(0, 7)}` : (sourceName(source) ?? '');
  const build = await sendBuild(deps, link, validation.body, label);
  if (build) {
    void rememberLastBuild(deps.context.workspaceState, link, validation.body);
    void rememberBuilt(deps, folder, link);
  }
  return build;
}

async function dockerChoices(
  deps: Deps,
  folder: vscode.WorkspaceFolder,
  root: string,
  dockerfile: vscode.Uri,
  configured: ServiceDetails['dockerfile'],
): Promise<DockerChoice | undefined> {
  const location = await locateChosenDockerfile(root, dockerfile.fsPath);
  if (!location.ok) {
    void vscode.window.showErrorMessage(`Northflank: ${location.message} Nothing was sent.`);
    return undefined;
  }
  const dockerWorkDir = await pickWorkDir(deps.prompter, configured.workDir, location.dockerWorkDir);
  if (dockerWorkDir === undefined) return undefined;
  const target = await pickTarget(deps.prompter, dockerfile, configured.target);
  if (target === undefined) return undefined;
  const buildArguments = await chooseBuildArguments(deps.prompter, folder.uri);
  if (buildArguments === undefined) return undefined;
  return { dockerFilePath: location.dockerFilePath, dockerWorkDir, dockerfileTarget: target || undefined, buildArguments };
}

/** Always read afresh before building (settings change in Northflank), and kept for the next right-click. */
async function readBuildable(deps: Deps, link: BuildableLink): Promise<ServiceDetails | JobDetails> {
  const details = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Reading ${link.name}…` }, () =>
    deps.connection.api().getBuildable(link),
  );
  deps.catalog.rememberDetails(link, details);
  return details;
}

/** Started early and maybe never awaited (the flow can stop first): its failure must not go unhandled. */
function settled<T>(work: Thenable<T>): Promise<T> {
  const promise = Promise.resolve(work);
  promise.catch(() => undefined);
  return promise;
}

export function showInvalid(errors: FieldError[]): void {
  void vscode.window.showErrorMessage(`Northflank: the build request is not valid, so nothing was sent. ${errors.map((e) => e.message).join(' ')}`);
}

/** Runs a flow, turning anything it throws into a message instead of a stack trace. */
export async function guarded<T>(flow: () => Promise<T>): Promise<T | undefined> {
  try {
    return await flow();
  } catch (error) {
    await showError(error);
    return undefined;
  }
}
