import { resolve } from 'node:path';
import type { SimpleGit } from 'simple-git';
import { describeGitFailure, gitErrorText } from './gitFailure';
import { gitForReading, rawWithoutFilters } from './gitProcess';
import type { RepositoryState } from './repositoryState';
import { parsePorcelainStatus, PORCELAIN_STATUS_ARGS } from './statusPorcelain';

/**
 * Reads what a build needs to know about the repository that holds `folder`: its root, HEAD,
 * the upstream and whether the HEAD commit is on a remote, and uncommitted changes.
 * Three git processes in the common case (`rev-parse` beside the filter listing and `status`
 * that follows it), a fourth only when HEAD is not known to be on its upstream.
 * Never throws: every outcome is a RepositoryState.
 */
export async function readRepository(folder: string): Promise<RepositoryState> {
  let git: SimpleGit;
  try {
    git = gitForReading(folder);
  } catch {
    return { kind: 'notRepository', folder, message: `The folder "${folder}" does not exist.` };
  }
  const [toplevel, statusOutput] = await Promise.allSettled([
    git.raw(['rev-parse', '--show-toplevel']),
    rawWithoutFilters(git, PORCELAIN_STATUS_ARGS),
  ]);
  const failure = toplevel.status === 'rejected' ? toplevel.reason : statusOutput.status === 'rejected' ? statusOutput.reason : undefined;
  if (toplevel.status === 'rejected' || statusOutput.status === 'rejected') {
    return notARepository(failure, folder) ?? { kind: 'gitFailed', folder, message: describeGitFailure(failure, 'reading the repository', folder) };
  }
  // Only the line break goes: a folder name may end in a space.
  const root = resolve(toplevel.value.replace(/\r?\n$/, ''));
  const status = parsePorcelainStatus(statusOutput.value);
  if (status.sha === undefined) {
    return {
      kind: 'noCommits',
      root,
      branch: status.branch,
      message: `The repository "${root}" has no commits yet. Commit and push your work, then build.`,
    };
  }
  let pushedTo: string | undefined;
  if (status.upstream?.exists && status.upstream.ahead === 0) {
    pushedTo = status.upstream.name;
  } else {
    try {
      pushedTo = await remoteBranchContaining(git, status.sha, status.upstream?.name);
    } catch (error) {
      return { kind: 'gitFailed', folder, message: describeGitFailure(error, 'looking for the commit on the remotes', folder) };
    }
  }
  return { kind: 'repository', root, sha: status.sha, branch: status.branch, upstream: status.upstream, pushedTo, changes: status.changes };
}

/** The upstream when it contains the commit, else the first other remote-tracking branch that does. */
async function remoteBranchContaining(git: SimpleGit, sha: string, upstream: string | undefined): Promise<string | undefined> {
  const output = await git.raw(['for-each-ref', `--contains=${sha}`, '--format=%(refname)', 'refs/remotes/']);
  // `origin/HEAD` only points at another remote branch; name that one instead.
  const names = output
    .split('\n')
    .filter((ref) => ref.startsWith('refs/remotes/') && !ref.endsWith('/HEAD'))
    .map((ref) => ref.slice('refs/remotes/'.length));
  return upstream !== undefined && names.includes(upstream) ? upstream : names[0];
}

function notARepository(error: unknown, folder: string): RepositoryState | undefined {
  const text = gitErrorText(error);
  if (/not a git repository/i.test(text)) {
    return { kind: 'notRepository', folder, message: `The folder "${folder}" is not inside a git repository. Open the repository's folder, or run git init and commit.` };
  }
  if (/must be run in a work tree/i.test(text)) {
    return { kind: 'notRepository', folder, message: `The folder "${folder}" is inside a .git folder or a bare repository, which has no working tree to build from.` };
  }
  return undefined;
}
