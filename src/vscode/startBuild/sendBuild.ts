import vscode = require('vscode');
import { buildSourceLabel } from '../../northflank/buildStatus';
import { NorthflankError } from '../../northflank/errors';
import type { Build, StartBuildBody } from '../../northflank/types';
import type { Deps } from '../deps';
import { showError } from '../errorPresenter';
import type { BuildableLink } from '../links/buildableLink';

/**
 * Sends the one request, shows the outcome, and hands the build to the store to watch. When Northflank
 * refuses a field, `settingsChanged` (given when the service's settings came from the catalog) reads
 * them again: when they had changed, the person is told that the next Start Build uses the new ones.
 */
export async function sendBuild(deps: Deps, link: BuildableLink, body: StartBuildBody, label: string, settingsChanged?: () => Promise<boolean>): Promise<Build | undefined> {
  let build: Build;
  try {
    build = await withProgressWhenSlow(vscode.l10n.t('Starting a Northflank build of {0} ({1})…', link.name, label), deps.connection.api().startBuild(link, body));
  } catch (error) {
    await showError(deps.prompter, error, vscode.l10n.t('The build was not started'));
    if (error instanceof NorthflankError && error.kind === 'invalid' && settingsChanged && (await settingsChanged())) {
      const again = vscode.l10n.t('Start Build');
      void deps.prompter
        .notify('information', vscode.l10n.t("Northflank: {0}'s build settings had changed in Northflank since they were last read. Start the build again to use the new ones.", link.name), again)
        .then((choice) => choice === again && vscode.commands.executeCommand('northflank.startBuild'));
    }
    return undefined;
  }
  deps.builds.track(link, build, body);
  announce(link, build, label);
  return build;
}

const SLOW_MS = 500;

/**
 * The start request usually answers in milliseconds: a progress toast would only flash
 * (and count against VS Code's limit of three toasts in 800 ms). The status bar shows
 * progress at once; a toast only once it is slow.
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

/**
 * A few seconds in the status bar, not a toast to dismiss: the Builds view lists the build, and the
 * status bar item, clicked while it runs, offers its log and abort.
 */
function announce(link: BuildableLink, build: Build, label: string): void {
  const source = build.branch || build.sha || build.pullRequestId ? buildSourceLabel(build) : label;
  vscode.window.setStatusBarMessage(vscode.l10n.t('Northflank: build {0} of {1} started for {2}', build.id, link.name, source), 5000);
}
