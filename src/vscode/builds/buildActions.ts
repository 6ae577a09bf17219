import { buildPhase, isConcluded } from '../../northflank/buildStatus';
import vscode = require('vscode');
import { loadOnDemand } from '../loadOnDemand';
import { buildsPageUrl } from '../../northflank/appLinks';
import type { Build, BuildableRef } from '../../northflank/types';
import type { Deps } from '../deps';
import { sendBuild } from '../startBuild/sendBuild';
import { BuildLogDocuments, withLogLanguage } from './buildLogDocuments';
import { firstErrorLine } from '../../buildLog/firstError';
import type { LinkNode } from './buildTreeItems';

/** Opens a build's log; a failed build's at its first error, where the reading starts. */
export async function viewLogs(deps: Pick<Deps, 'builds'>, ref: BuildableRef, buildId: string): Promise<void> {
  const document = await withLogLanguage(await vscode.workspace.openTextDocument(BuildLogDocuments.uriFor(ref, buildId)));
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  const build = deps.builds.find(ref, buildId);
  if (!build || buildPhase(build) !== 'failed') return;
  const row = firstErrorLine(document.getText().split(/\r?\n/));
  if (row === undefined) return;
  const line = document.lineAt(row).range;
  editor.selection = new vscode.Selection(line.start, line.start);
  editor.revealRange(line, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

export async function openInNorthflank(deps: Deps, ref: BuildableRef): Promise<boolean> {
  // The team in the link's address is the one whose token reads this service or job.
  const account = await deps.accounts.forTeam(deps.teams.ofTargets(ref));
  return vscode.env.openExternal(vscode.Uri.parse(buildsPageUrl(ref, account?.teamId)));
}

export async function unlink(deps: Deps, node: LinkNode): Promise<void> {
  const { link } = node.entry;
  const found = deps.links.find(link);
  if (!found) return;
  if (link.origin === 'settings') {
    const unlinkAction = vscode.l10n.t('Unlink');
    const choice = await deps.prompter.ask(
      vscode.l10n.t('Unlink {0}?', link.name),
      vscode.l10n.t('The link is shared in {0}/.vscode/settings.json. Unlinking removes it there, for everyone who pulls the change once you commit it.', found.folder.name),
      unlinkAction,
    );
    if (choice !== unlinkAction) return;
  }
  await deps.links.unlink(found.folder, link);
  void vscode.window.setStatusBarMessage(vscode.l10n.t('Northflank: {0} unlinked from {1}', link.name, found.folder.name), 5000);
}

/** Asks first; the Builds view's Abort Build and the status bar's pick both come here. */
export async function abortBuild(deps: Deps, ref: BuildableRef, build: Build): Promise<void> {
  if (isConcluded(build)) {
    void deps.prompter.notify('information', vscode.l10n.t('Northflank: build {0} has already concluded.', build.id));
    return;
  }
  const abortAction = vscode.l10n.t('Abort Build');
  const choice = await deps.prompter.ask(vscode.l10n.t('Abort build {0}?', build.id), vscode.l10n.t('Northflank stops the build; it can be re-run later.'), abortAction);
  if (choice !== abortAction) return;
  await deps.connection.api().abortBuild(ref, build.id);
  deps.builds.aborted(ref, build.id);
  void vscode.window.setStatusBarMessage(vscode.l10n.t('Northflank: abort of {0} requested', build.id), 5000);
}

/**
 * The same sha, branch or pull request again, with the same overrides when the
 * build was started from this workspace (the API does not return them).
 */
export async function rerun(deps: Deps, ref: BuildableRef, build: Build): Promise<void> {
  const link = deps.links.find(ref)?.link;
  if (!link) {
    void deps.prompter.notify('warning', vscode.l10n.t('Northflank: this service or job is no longer linked to a folder. Link it again to re-run its builds.'));
    return;
  }
  const sent = deps.builds.sentBody(build.id);
  if (sent) {
    await sendBuild(deps, link, sent, build.branch ?? build.id);
    return;
  }
  const kind = link.kind ?? 'combined';
  const fields =
    kind !== 'build'
      ? { sha: build.sha }
      : build.pullRequestId != null && build.pullRequestId !== ''
        ? { pullRequestId: build.pullRequestId, sha: build.sha }
        : { branch: build.branch, sha: build.sha };
  const { validateBuildRequest } = await loadOnDemand();
  const validation = validateBuildRequest(fields, { kind });
  if (!validation.ok) {
    void deps.prompter.notify('error', vscode.l10n.t("Northflank: build {0} can't be re-run as it was: {1}", build.id, validation.errors.map((e) => e.message).join(' ')));
    return;
  }
  await sendBuild(deps, link, validation.body, build.branch ?? build.id);
}
