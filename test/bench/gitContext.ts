import { performance } from 'node:perf_hooks';
import { git } from '../fixtures/workspace';
import { compareWithCommitted, type CommittedFileState } from '../../src/git/committedFile';
import { readRepositoryHead } from '../../src/git/readRepositoryHead';
import { readWorkingTreeChanges } from '../../src/git/readWorkingTreeChanges';
import type { RepositoryHeadState, WorkingTreeChanges } from '../../src/git/repositoryState';
import { ensureLargeRepository, largeRepositoryPath, plainGitStatus } from './largeRepository';
import { type Samples, samples } from './samples';

export interface GitContextResult {
  /**
   * readRepositoryHead with HEAD on its upstream: what Start Build waits for from git before it can
   * send (branch, sha, upstream, ahead and behind, the remote holding HEAD), two git processes side by side.
   */
  readHead: Samples;
  /** A plain `git status` on the same repository, measured in the same run, interleaved. */
  gitStatus: Samples;
  /** readWorkingTreeChanges: the count of uncommitted changes, which the flow reads beside its questions and the request. */
  countChanges: Samples;
  /** readRepositoryHead with HEAD one commit ahead of its upstream: a third git process looks for HEAD on the remotes. */
  readHeadUnpushed: Samples;
  /** compareWithCommitted on a file as committed, against origin/main: one `git ls-tree`. */
  committedCheck: Samples;
  /** The same on a file modified in the working tree: `ls-tree`, then the filter listing and `hash-object`. */
  committedCheckChanged: Samples;
  generatedMs?: number;
}

/** A file of the bench repository as committed, and one modified in its working tree. */
const UNCHANGED_FILE = `/${largeRepositoryPath(1)}`;
const CHANGED_FILE = `/${largeRepositoryPath(0)}`;

/**
 * The extension's own git reading on a repository of 100,000 files and 10,000 commits, against a
 * plain `git status` as the baseline: readRepositoryHead (what Start Build waits for before it sends),
 * readWorkingTreeChanges (what it counts beside the request) and compareWithCommitted.
 */
export async function measureGitContext(runs: number): Promise<GitContextResult> {
  const repository = await ensureLargeRepository();
  const { dir } = repository;
  // A run stopped during the unpushed case below leaves origin/main behind; put it back.
  git(dir, ['update-ref', 'refs/remotes/origin/main', 'refs/heads/main']);
  // Warm the page cache for all, so none pays for the first read of 100,000 inodes.
  plainGitStatus(dir);
  expectHead(await readRepositoryHead(dir), 0);
  expectChanges(await readWorkingTreeChanges(dir));
  await expectCommitted(dir, UNCHANGED_FILE, 'clean');

  const head: number[] = [];
  const baseline: number[] = [];
  const counting: number[] = [];
  const committedCheck: number[] = [];
  const committedCheckChanged: number[] = [];
  for (let run = 0; run < runs; run++) {
    let started = performance.now();
    expectHead(await readRepositoryHead(dir), 0);
    head.push(performance.now() - started);
    started = performance.now();
    plainGitStatus(dir);
    baseline.push(performance.now() - started);
    started = performance.now();
    expectChanges(await readWorkingTreeChanges(dir));
    counting.push(performance.now() - started);
    started = performance.now();
    await expectCommitted(dir, UNCHANGED_FILE, 'clean');
    committedCheck.push(performance.now() - started);
    started = performance.now();
    await expectCommitted(dir, CHANGED_FILE, 'changed');
    committedCheckChanged.push(performance.now() - started);
  }

  const unpushed: number[] = [];
  git(dir, ['update-ref', 'refs/remotes/origin/main', 'refs/heads/main~1']);
  try {
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      expectHead(await readRepositoryHead(dir), 1);
      unpushed.push(performance.now() - started);
    }
  } finally {
    git(dir, ['update-ref', 'refs/remotes/origin/main', 'refs/heads/main']);
  }
  return {
    readHead: samples(head),
    gitStatus: samples(baseline),
    countChanges: samples(counting),
    readHeadUnpushed: samples(unpushed),
    committedCheck: samples(committedCheck),
    committedCheckChanged: samples(committedCheckChanged),
    generatedMs: repository.generatedMs,
  };
}

async function expectCommitted(dir: string, path: string, expected: CommittedFileState): Promise<void> {
  const state = await compareWithCommitted(dir, 'refs/remotes/origin/main', path);
  if (state !== expected) throw new Error(`compareWithCommitted called ${path} ${state}, not ${expected}`);
}

/** A timing of a wrong answer is worth nothing: check what was read. */
function expectHead(state: RepositoryHeadState, ahead: number): void {
  if (state.kind !== 'repository') throw new Error(`readRepositoryHead did not read the bench repository: ${state.message}`);
  const problems: string[] = [];
  if (state.branch !== 'main') problems.push(`branch ${state.branch}`);
  if (state.upstream?.name !== 'origin/main' || state.upstream.ahead !== ahead) problems.push(`upstream ${JSON.stringify(state.upstream)}`);
  if (ahead === 0 && state.pushedTo !== 'origin/main') problems.push(`pushedTo ${state.pushedTo}`);
  if (ahead === 1 && state.pushedTo !== undefined) problems.push(`pushedTo ${state.pushedTo}`);
  if (problems.length > 0) throw new Error(`readRepositoryHead read the bench repository wrongly: ${problems.join(', ')}`);
}

function expectChanges(changes: WorkingTreeChanges): void {
  if (changes.tracked !== 3 || changes.untracked !== 3) throw new Error(`readWorkingTreeChanges counted the bench repository wrongly: ${JSON.stringify(changes)}`);
}
