import * as vscode from 'vscode';
import { validateBuildRequest } from '../../build/buildRequest';
import type { Build } from '../../northflank/types';
import type { Deps } from '../deps';
import { chooseBuildable } from './chooseBuildable';
import { ensureToken } from '../auth/ensureToken';
import { chooseBuildArguments } from './buildArguments';
import { sendBuild } from './sendBuild';
import { showInvalid } from './startBuildFlow';
import { pickWorkspaceFolder } from '../workspaceFolder';

/** Builds a tar archive at a URL instead of a commit: no git involved. */
export async function startBundleBuildFlow(deps: Deps): Promise<Build | undefined> {
  if (!(await ensureToken(deps))) return undefined;
  const folder = await pickWorkspaceFolder(deps.prompter, 'Build for which folder?');
  if (!folder) return undefined;
  const link = await chooseBuildable(deps, folder, undefined);
  if (!link) return undefined;
  if ('jobId' in link) {
    void vscode.window.showErrorMessage(`Northflank: ${link.name} is a job, and jobs build commits of their repository, not bundles. Choose a service.`);
    return undefined;
  }
  const kind = link.kind ?? 'combined';
  const bundleUrl = await deps.prompter.input({
    title: 'Start Build from Bundle URL',
    prompt: 'The http(s) address of a tar archive of the source to build.',
    placeHolder: 'https://example.com/archive.tar',
    validateInput: (value) => {
      const check = validateBuildRequest({ bundleUrl: value.trim() }, { kind });
      return check.ok ? undefined : check.errors.map((e) => e.message).join(' ');
    },
  });
  if (!bundleUrl?.trim()) return undefined;
  const buildArguments = await chooseBuildArguments(deps.prompter, folder.uri);
  if (buildArguments === undefined) return undefined;
  const validation = validateBuildRequest({ bundleUrl: bundleUrl.trim(), buildArguments }, { kind });
  if (!validation.ok) {
    showInvalid(validation.errors);
    return undefined;
  }
  return sendBuild(deps, link, validation.body, vscode.Uri.parse(bundleUrl.trim()).path.split('/').pop() || 'bundle');
}
