import { resolve } from 'node:path';
import type { SimpleGit } from 'simple-git';
import { describeGitFailure, gitErrorText } from './gitFailure';
import { gitForReading } from './gitProcess';
import { recallHead, rememberHead, SETTLED_MS } from './headSnapshot';
import type { ReadMemory } from './readMemory';
import type { RepositoryHead, RepositoryHeadState, RepositoryProblem, Upstream } from './repositoryState';

/**
 * The common case in one process: the working tree's top folder, the repository's own folder, HEAD's
 * commit and its upstream's, the branch's and the upstream's full names, and the upstream's short name.
 * `--` ends the revisions, so a file named like one is no matter. Fails when HEAD is detached or
 * unborn, or the branch has no upstream or its remote-tracking branch is gone.
 */
export const IN_STEP_ARGS = ['rev-parse', '--show-toplevel', '--absolute-git-dir', 'HEAD', '@{upstream}', '--symbolic-full-name', 'HEAD', '@{upstream}', '--abbrev-ref', '@{upstream}', '--'];

/** The working tree's top folder, then HEAD's commit; fails when HEAD has none (an unborn branch). */
const HEAD_ARGS = ['rev-parse', '--show-toplevel', '--verify', 'HEAD'];

/**
 * The branches and remote-tracking branches at HEAD's commit, one line each: `*` for the checked-out
 * branch, the ref, and a branch's upstream and how far it is ahead of and behind it. `--points-at`
 * keeps the ahead/behind count to those few refs; the remote-tracking ones say whether a remote has
 * the commit itself, and make the output rarely empty (simple-git waits 50 ms longer for a command
 * that prints nothing). for-each-ref writes the tracking words in English whatever the locale.
 */
const REFS_AT_HEAD_ARGS = [
  'for-each-ref',
  '--points-at=HEAD',
  '--format=%(HEAD)%00%(refname)%00%(upstream:short)%00%(upstream:track,nobracket)',
  'refs/heads/',
  'refs/remotes/',
];

/**
 * Reads what a build must know before it is sent, about the repository that holds `folder`: its root,
 * HEAD, the upstream and how far HEAD is ahead of and behind it, and a remote-tracking branch holding
 * HEAD. None of it reads the index or looks at a working-tree file, so it costs the same in a
 * repository of 100,000 files as in one of ten; the uncommitted changes, which take a scan of every
 * tracked file, are `readWorkingTreeChanges`'s.
 *
 * With a `memory`, a read of the common case is kept with marks of the files it came from, and a
 * later read whose files are all as they were runs no git at all (see headSnapshot.ts). A read is
 * kept only when none of those files changed in the `settledMs` before it.
 *
 * One git process when the checked-out branch is where its upstream is, as after a push or a pull.
 * Otherwise two more side by side; and a fourth only when HEAD is neither on its upstream nor where a
 * remote-tracking branch points (it looks for a remote branch that contains it). Never throws: every
 * outcome is a RepositoryHeadState.
 */
export async function readRepositoryHead(folder: string, memory?: ReadMemory, settledMs = SETTLED_MS): Promise<RepositoryHeadState> {
  const recalled = memory && (await recallHead(memory, folder));
  if (recalled) return recalled;
  let git: SimpleGit;
  try {
    git = gitForReading(folder);
  } catch {
    return { kind: 'notRepository', folder, message: `The folder "${folder}" does not exist.` };
  }
  let inStep: string;
  const readAt = Date.now();
  try {
    inStep = await git.raw(IN_STEP_ARGS);
  } catch (error) {
    const problem = notARepository(error, folder);
    if (problem) return problem;
    return readAnyHead(git, folder);
  }
  const [toplevel, gitDir, sha, upstreamSha, headRef, upstreamRef, upstreamName] = inStep.replace(/\r?\n$/, '').split(/\r?\n/);
  if (sha !== upstreamSha || !headRef.startsWith('refs/heads/')) return readAnyHead(git, folder);
  const head: RepositoryHead = {
    kind: 'repository',
    root: resolve(toplevel),
    sha,
    branch: headRef.slice('refs/heads/'.length),
    upstream: { name: upstreamName, exists: true, ahead: 0, behind: 0 },
    pushedTo: upstreamName,
  };
  if (memory) rememberHead(memory, folder, readAt, { head, gitDir, headRef, upstreamRef }, settledMs);
  return head;
}

/** HEAD detached or unborn, on a branch without upstream or apart from it: how far apart, and whether a remote has HEAD. */
async function readAnyHead(git: SimpleGit, folder: string): Promise<RepositoryHeadState> {
  const [head, refs] = await Promise.allSettled([git.raw(HEAD_ARGS), git.raw(REFS_AT_HEAD_ARGS)]);
  if (head.status === 'rejected') return notARepository(head.reason, folder) ?? (await withoutCommit(git, folder, head.reason));
  if (refs.status === 'rejected') return gitFailed(refs.reason, folder);
  // Only the line break goes: a folder name may end in a space.
  const [toplevel, sha] = head.value.replace(/\r?\n$/, '').split(/\r?\n/);
  const root = resolve(toplevel);
  const atHead = parseRefsAtHead(refs.value);
  const { branch, upstream } = atHead;
  let pushedTo: string | undefined;
  if (upstream?.exists && upstream.ahead === 0) {
    pushedTo = upstream.name;
  } else if (atHead.remoteBranches.length > 0) {
    pushedTo = atHead.remoteBranches[0];
  } else {
    try {
      pushedTo = await remoteBranchContaining(git, sha, upstream?.name);
    } catch (error) {
      return gitFailed(error, folder, 'looking for the commit on the remotes');
    }
  }
  return { kind: 'repository', root, sha, branch, upstream, pushedTo };
}

interface RefsAtHead {
  branch: string | undefined;
  upstream: Upstream | undefined;
  /** Remote-tracking branches at HEAD's commit, e.g. `origin/main`, in git's order; never `origin/HEAD`. */
  remoteBranches: string[];
}

function parseRefsAtHead(output: string): RefsAtHead {
  const atHead: RefsAtHead = { branch: undefined, upstream: undefined, remoteBranches: [] };
  for (const line of output.split('\n')) {
    const [current, ref, upstreamName, track] = line.split('\0');
    if (ref === undefined) continue;
    if (ref.startsWith('refs/remotes/')) {
      // `origin/HEAD` only points at another remote branch; name that one instead.
      if (!ref.endsWith('/HEAD')) atHead.remoteBranches.push(ref.slice('refs/remotes/'.length));
    } else if (current === '*' && ref.startsWith('refs/heads/')) {
      atHead.branch = ref.slice('refs/heads/'.length);
      if (upstreamName) atHead.upstream = parseUpstream(upstreamName, track ?? '');
    }
  }
  return atHead;
}

/** `track` is `gone`, empty when level, or `ahead 2`, `behind 1`, `ahead 2, behind 1`. */
function parseUpstream(name: string, track: string): Upstream {
  if (track === 'gone') return { name, exists: false, ahead: 0, behind: 0 };
  const count = (word: string) => Number(new RegExp(`\\b${word} (\\d+)`).exec(track)?.[1] ?? 0);
  return { name, exists: true, ahead: count('ahead'), behind: count('behind') };
}

/** The upstream when it contains the commit, else the first other remote-tracking branch that does. */
async function remoteBranchContaining(git: SimpleGit, sha: string, upstream: string | undefined): Promise<string | undefined> {
  const output = await git.raw(['for-each-ref', `--contains=${sha}`, '--format=%(refname)', 'refs/remotes/']);
  const names = output
    .split('\n')
    .filter((ref) => ref.startsWith('refs/remotes/') && !ref.endsWith('/HEAD'))
    .map((ref) => ref.slice('refs/remotes/'.length));
  return upstream !== undefined && names.includes(upstream) ? upstream : names[0];
}

/**
 * HEAD names no commit: a branch nothing was committed to yet, or a broken repository. Two more
 * processes tell which, and say where the root is; only a repository that cannot be built pays for them.
 */
async function withoutCommit(git: SimpleGit, folder: string, headFailure: unknown): Promise<RepositoryProblem> {
  const [toplevel, symbolic] = await Promise.allSettled([git.raw(['rev-parse', '--show-toplevel']), git.raw(['symbolic-ref', 'HEAD'])]);
  const ref = symbolic.status === 'fulfilled' ? symbolic.value.trim() : undefined;
  if (toplevel.status === 'rejected' || ref === undefined || !/unknown revision|needed a single revision/i.test(gitErrorText(headFailure))) {
    return gitFailed(headFailure, folder);
  }
  const root = resolve(toplevel.value.replace(/\r?\n$/, ''));
  return {
    kind: 'noCommits',
    root,
    branch: ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined,
    message: `The repository "${root}" has no commits yet. Commit and push your work, then build.`,
  };
}

function gitFailed(error: unknown, folder: string, action = 'reading the repository'): RepositoryProblem {
  return { kind: 'gitFailed', folder, message: describeGitFailure(error, action, folder) };
}

export function notARepository(error: unknown, folder: string): RepositoryProblem | undefined {
  const text = gitErrorText(error);
  if (/not a git repository/i.test(text)) {
    return { kind: 'notRepository', folder, message: `The folder "${folder}" is not inside a git repository. Open the repository's folder, or run git init and commit.` };
  }
  if (/must be run in a work tree/i.test(text)) {
    return { kind: 'notRepository', folder, message: `The folder "${folder}" is inside a .git folder or a bare repository, which has no working tree to build from.` };
  }
  return undefined;
}
