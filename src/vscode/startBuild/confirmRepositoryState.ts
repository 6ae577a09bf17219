import vscode = require('vscode');
import { pushCurrentBranch } from '../../git/pushCurrentBranch';
import type { RepositoryHead } from '../../git/repositoryState';
import { repositoryNotices, type RepositoryNoticeKind } from '../../git/repositoryNotices';
import type { Prompter } from '../prompter';
import type { BuildSource } from './chooseSource';

/** A commit build needs the commit on a remote; a branch build needs the branch pushed. */
const STOPS: Record<BuildSource['kind'], RepositoryNoticeKind[]> = {
  commit: ['notOnRemote'],
  branch: ['notOnRemote', 'noUpstream', 'upstreamMissing', 'unpushed'],
  pullRequest: ['notOnRemote', 'noUpstream', 'upstreamMissing', 'unpushed'],
};

/**
 * Northflank can only build what it can fetch, so an unpushed HEAD gets
 * "Push and Build", "Build Anyway" or Cancel. Uncommitted changes are not part of the
 * build, and only earn a warning when it is sent (see `warnUncommitted`).
 */
export async function confirmRepositoryState(prompter: Prompter, repository: RepositoryHead, source: BuildSource): Promise<boolean> {
  const notices = repositoryNotices(repository);
  const buildsLocalHead = source.kind === 'commit' || source.branch === repository.branch;
  const stops = buildsLocalHead ? notices.filter((n) => STOPS[source.kind].includes(n.kind)) : [];
  if (stops.length > 0) {
    const pushAndBuild = vscode.l10n.t('Push and Build');
    const buildAnyway = vscode.l10n.t('Build Anyway');
    const actions = repository.branch ? [pushAndBuild, buildAnyway] : [buildAnyway];
    const choice = await prompter.ask(vscode.l10n.t('Northflank: HEAD is not pushed.'), vscode.l10n.t('{0} Northflank builds from the remote.', stops.map((n) => n.message).join(' ')), ...actions);
    if (choice === undefined) return false;
    if (choice === pushAndBuild && !(await push(prompter, repository))) return false;
  }
  return true;
}

async function push(prompter: Prompter, repository: RepositoryHead): Promise<boolean> {
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Pushing {0}…', repository.branch ?? 'HEAD') },
    () => pushCurrentBranch(repository.root),
  );
  if (!result.ok) void prompter.notify('error', vscode.l10n.t('Northflank: the push failed, so no build was started. {0}', result.message));
  return result.ok;
}
