import * as vscode from 'vscode';
import { buildsPageUrl } from '../../northflank/appLinks';
import { buildSourceLabel } from '../../northflank/buildStatus';
import type { Build, StartBuildBody } from '../../northflank/types';
import type { Deps } from '../deps';
import { showError } from '../errorPresenter';
import type { BuildableLink } from '../links/buildableLink';
import { teamId } from '../auth/teamId';

/** Sends the one request, shows the outcome, and hands the build to the store to watch. */
export async function sendBuild(deps: Deps, link: BuildableLink, body: StartBuildBody, label: string): Promise<Build | undefined> {
  let build: Build;
  try {
    build = await withProgressWhenSlow(`Starting a Northflank build of ${link.name} (${label})…`, deps.connection.api().startBuild(link, body));
  } catch (error) {
    await showError(deps.prompter, error, 'The build was not started');
    return undefined;
  }
  deps.builds.track(link, build, body);
  void announce(deps, link, build, label);
  return build;
}

const SLOW_MS = 500;

/**
 * The start request usually answers in milliseconds: a progress toast would only flash
 * before the result's own toast (and count against VS Code's limit of three toasts in
 * 800 ms). The status bar shows progress at once; a toast only once it is slow.
 */
async function withProgressWhenSlow<T>(title: string, work: Promise<T>): Promise<T> {
  const slow = setTimeout(() => {
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, () => work.catch(() => undefined));
  }, SLOW_MS);
  try {
    return await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, () => work);
  } finally {
    clearTimeout(slow);
  }
}

async function announce(deps: Deps, link: BuildableLink, build: Build, label: string): Promise<void> {
  const source = build.branch || build.sha || build.pullRequestId ? buildSourceLabel(build) : label;
  const choice = await vscode.window.showInformationMessage(`Build ${build.id} of ${link.name} started for ${source}.`, 'Show Build', 'Open in Northflank');
  if (choice === 'Show Build') await vscode.commands.executeCommand('northflank.builds.reveal', link, build.id);
  if (choice === 'Open in Northflank') await vscode.env.openExternal(vscode.Uri.parse(buildsPageUrl(link, teamId(deps.context))));
}
