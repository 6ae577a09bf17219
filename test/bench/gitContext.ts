import { performance } from 'node:perf_hooks';
import { git } from '../fixtures/workspace';
import { compareWithCommitted, type CommittedFileState } from '../../src/git/committedFile';
import { readRepository } from '../../src/git/readRepository';
import type { RepositoryState } from '../../src/git/repositoryState';
import { ensureLargeRepository, largeRepositoryPath, plainGitStatus } from './largeRepository';
import { type Samples, samples } from './samples';

export interface GitContextResult {
  /** readRepository with HEAD on its upstream: the common case, two git processes side by side. */
  readRepository: Samples;
  /** A plain `git status` on the same repository, measured in the same run, interleaved. */
  gitStatus: Samples;
  /** readRepository with HEAD one commit ahead of its upstream: a third git process looks for HEAD on the remotes. */
  readRepositoryUnpushed: Samples;
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
 * The extension's own readRepository (branch, sha, upstream and ahead/behind, dirtiness) and
 * compareWithCommitted on a repository of 100,000 files and 10,000 commits, against a plain
 * `git status` as the baseline.
 */
export async function measureGitContext(runs: number): Promise<GitContextResult> {
  const repository = await ensureLargeRepository();
  const { dir } = repository;
  // A run stopped during the unpushed case below leaves origin/main behind; put it back.
  git(dir, ['update-ref', 'refs/remotes/origin/main', 'refs/heads/main']);
  // Warm the page cache for both, so neither pays for the first read of 100,000 inodes.
  plainGitStatus(dir);
  expectState(await readRepository(dir), 0);
  await expectCommitted(dir, UNCHANGED_FILE, 'clean');

  const ours: number[] = [];
  const baseline: number[] = [];
  const committedCheck: number[] = [];
  const committedCheckChanged: number[] = [];
  for (let run = 0; run < runs; run++) {
    let started = performance.now();
    expectState(await readRepository(dir), 0);
    ours.push(performance.now() - started);
    started = performance.now();
    plainGitStatus(dir);
    baseline.push(performance.now() - started);
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
      expectState(await readRepository(dir), 1);
      unpushed.push(performance.now() - started);
    }
  } finally {
    git(dir, ['update-ref', 'refs/remotes/origin/main', 'refs/heads/main']);
  }
  return {
    readRepository: samples(ours),
    gitStatus: samples(baseline),
    readRepositoryUnpushed: samples(unpushed),
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
function expectState(state: RepositoryState, ahead: number): void {
  if (state.kind !== 'repository') throw new Error(`readRepository did not read the bench repository: ${state.message}`);
  const problems: string[] = [];
  if (state.branch !== 'main') problems.push(`branch ${state.branch}`);
  if (state.upstream?.name !== 'origin/main' || state.upstream.ahead !== ahead) problems.push(`upstream ${JSON.stringify(state.upstream)}`);
  if (state.changes.tracked !== 3 || state.changes.untracked !== 3) problems.push(`changes ${JSON.stringify(state.changes)}`);
  if (ahead === 0 && state.pushedTo !== 'origin/main') problems.push(`pushedTo ${state.pushedTo}`);
  if (problems.length > 0) throw new Error(`readRepository read the bench repository wrongly: ${problems.join(', ')}`);
}
