import * as vscode from 'vscode';
import { locateDockerfile } from '../../dockerfile/DockerfileLocation';
import { validateBuildRequest, type FieldError } from '../../build/BuildRequest';
import type { Build } from '../../northflank/types';
import type { Deps } from '../deps';
import { showError } from '../errorPresenter';
import { selectService } from '../commands/selectService';
import { realpath } from 'node:fs/promises';
import { ensureToken } from './ensureToken';
import { resolveRepository } from './resolveRepository';
import { chooseSource, sourceFields, sourceName } from './chooseSource';
import { confirmRepositoryState } from './confirmRepositoryState';
import { pickDockerfile } from './pickDockerfile';
import { pickWorkDir } from './pickWorkDir';
import { pickTarget } from './pickTarget';
import { chooseBuildArguments } from './buildArguments';
import { sendBuild } from './sendBuild';

/**
 * Start Build, top to bottom: token, repository, service, what to build,
 * Dockerfile, build context, target, arguments, validate, send. Every question
 * can be cancelled, and cancelling sends nothing.
 */
export async function startBuildFlow(deps: Deps, dockerfileFromMenu?: vscode.Uri): Promise<Build | undefined> {
  if (!(await ensureToken(deps))) return undefined;
  const resolved = await resolveRepository(deps.prompter, dockerfileFromMenu);
  if (!resolved) return undefined;
  const { folder, repository } = resolved;

  const link = deps.links.get(folder) ?? (await selectService(deps, folder));
  if (!link) return undefined;
  const api = deps.connection.api();
  const service = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: `Reading ${link.serviceName}…` },
    () => api.getService(link),
  );

  const source = await chooseSource(deps.prompter, api, link, repository);
  if (!source || !(await confirmRepositoryState(deps.prompter, repository, source))) return undefined;

  const dockerfile = dockerfileFromMenu ?? (await pickDockerfile(deps.prompter, folder, repository.root, service.dockerfile));
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
