import * as vscode from 'vscode';
import { locateDockerfile } from '../../dockerfile/DockerfileLocation';
import { validateBuildRequest, type FieldError } from '../../build/BuildRequest';
import type { Build, ServiceDetails } from '../../northflank/types';
import type { NorthflankClient } from '../../northflank/client';
import type { ServiceLink } from '../serviceLinks';
import type { Deps } from '../deps';
import { showError } from '../errorPresenter';
import { selectService } from '../commands/selectService';
import { realpath } from 'node:fs/promises';
import { ensureToken } from './ensureToken';
import { locateRepository, readLocatedRepository, workspaceTrustedForGit } from './resolveRepository';
import { chooseSource, sourceFields, sourceName } from './chooseSource';
import { confirmRepositoryState } from './confirmRepositoryState';
import { findDockerfiles, pickDockerfile } from './pickDockerfile';
import { pickWorkDir } from './pickWorkDir';
import { pickTarget } from './pickTarget';
import { chooseBuildArguments } from './buildArguments';
import { sendBuild } from './sendBuild';

/**
 * Start Build, top to bottom: workspace trust, token, repository, service, what to build,
 * Dockerfile, build context, target, arguments, validate, send. Every question
 * can be cancelled, and cancelling sends nothing.
 */
export async function startBuildFlow(deps: Deps, dockerfileFromMenu?: vscode.Uri): Promise<Build | undefined> {
  if (!workspaceTrustedForGit() || !(await ensureToken(deps))) return undefined;
  const located = await locateRepository(deps.prompter, dockerfileFromMenu);
  if (!located) return undefined;
  const { folder } = located;
  const api = deps.connection.api();

  // git, the service's settings and the Dockerfile search don't depend on each other: run them side by side.
  const known = deps.links.get(folder);
  const reading = readLocatedRepository(located);
  const serviceReading = known ? settled(readService(api, known)) : undefined;
  const searching = dockerfileFromMenu ? undefined : settled(findDockerfiles(folder));

  const resolved = await reading;
  if (!resolved) return undefined;
  const { repository } = resolved;
  const link = known ?? (await selectService(deps, folder));
  if (!link) return undefined;
  const service = await (serviceReading ?? readService(api, link));

  const source = await chooseSource(deps.prompter, api, link, repository);
  if (!source || !(await confirmRepositoryState(deps.prompter, repository, source))) return undefined;

  const dockerfile = dockerfileFromMenu ?? (await pickDockerfile(deps.prompter, folder, repository.root, service.dockerfile, searching));
  if (!dockerfile) return undefined;
  const location = locateDockerfile(repository.root, await realpath(dockerfile.fsPath).catch(() => dockerfile.fsPath));
  if (!location.ok) {
    void vscode.window.showErrorMessage(`Northflank: ${location.message} Nothing was sent.`);
    return undefined;
  }
  const dockerWorkDir = await pickWorkDir(deps.prompter, service.dockerfile.workDir, location.dockerWorkDir);
  if (dockerWorkDir === undefined) return undefined;
  const target = await pickTarget(deps.prompter, dockerfile, service.dockerfile.target);
  if (target === undefined) return undefined;
  const buildArguments = await chooseBuildArguments(deps.prompter, folder.uri);
  if (buildArguments === undefined) return undefined;

  const validation = validateBuildRequest(
    {
      ...sourceFields(source),
      dockerFilePath: location.dockerFilePath,
      dockerWorkDir,
      dockerfileTarget: target || undefined,
      buildArguments,
    },
    { serviceType: link.serviceType },
  );
  if (!validation.ok) {
    showInvalid(validation.errors);
    return undefined;
  }
  const label = source.kind === 'commit' ? `${sourceName(source) ?? 'HEAD'}@${repository.sha.slice(0, 7)}` : (sourceName(source) ?? '');
  return sendBuild(deps, link, validation.body, label);
}

function readService(api: NorthflankClient, link: ServiceLink): Thenable<ServiceDetails> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Reading ${link.serviceName}…` }, () => api.getService(link));
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
