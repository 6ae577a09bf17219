import type { SimpleGit } from 'simple-git';
import { describeGitFailure, gitErrorText } from './gitFailure';
import { gitForPushing, gitForReading, rawWithoutFilters } from './gitProcess';
import { parsePorcelainStatus, PORCELAIN_STATUS_ARGS } from './statusPorcelain';

export type PushResult =
  | { ok: true; branch: string; sha: string; /** True when this push made `origin/<branch>` the upstream. */ upstreamSet: boolean }
  | { ok: false; message: string };

/**
 * "Push and Build": pushes the checked-out branch to its upstream, or to `origin` under the same
 * name (setting it as the upstream) when it has none. The branch comes from git, never from input:
 * the commands name `HEAD`, not the branch.
 */
export async function pushCurrentBranch(root: string): Promise<PushResult> {
  let reader: SimpleGit;
  let pusher: SimpleGit;
  try {
    reader = gitForReading(root);
    pusher = gitForPushing(root);
  } catch {
    return { ok: false, message: `The folder "${root}" does not exist.` };
  }
  let status;
  try {
    status = parsePorcelainStatus(await rawWithoutFilters(reader, PORCELAIN_STATUS_ARGS));
  } catch (error) {
    return { ok: false, message: describeGitFailure(error, 'reading the branch to push', root) };
  }
  if (status.sha === undefined) return { ok: false, message: 'There is nothing to push: the repository has no commits yet.' };
  if (status.branch === undefined) {
    return { ok: false, message: `HEAD is detached at ${status.sha.slice(0, 7)}, so there is no branch to push. Check out a branch (or create one here), then try again.` };
  }
  const upstreamSet = status.upstream === undefined;
  try {
    if (upstreamSet) await pusher.raw(['push', '--set-upstream', 'origin', 'HEAD']);
    // push.default=upstream sends the branch to the branch it tracks, even under another name.
    else await pusher.raw(['-c', 'push.default=upstream', 'push']);
  } catch (error) {
    return { ok: false, message: describePushFailure(error, root, status.branch) };
  }
  return { ok: true, branch: status.branch, sha: status.sha, upstreamSet };
}

function describePushFailure(error: unknown, root: string, branch: string): string {
  const text = gitErrorText(error);
  if (/\[rejected\]|non-fast-forward|fetch first/i.test(text)) {
    return `The remote has commits that "${branch}" does not have, so the push was rejected. Pull (or rebase) first, then Push and Build again.`;
  }
  if (/'origin' does not appear to be a git repository|No such remote/i.test(text)) {
    return `"${branch}" has no upstream and the repository has no remote named "origin". Add one (git remote add origin <url>) or push the branch once yourself, then try again.`;
  }
  if (/terminal prompts disabled|could not read (Username|Password)|Authentication failed|Permission denied \(publickey/i.test(text)) {
    return 'Git could not sign in to the remote without asking for a password. Set up a credential helper or an SSH key so that git push works without a prompt, then try again.';
  }
  const refused = /\[remote rejected\][^(]*\(([^)]*)\)/.exec(text);
  if (refused) return `The remote refused the push of "${branch}": ${refused[1]}.`;
  return describeGitFailure(error, `pushing "${branch}"`, root);
}
