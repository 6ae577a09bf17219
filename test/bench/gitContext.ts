import { performance } from 'node:perf_hooks';
import { git } from '../fixtures/workspace';
import { readRepository } from '../../src/git/readRepository';
import type { RepositoryState } from '../../src/git/repositoryState';
import { ensureLargeRepository, plainGitStatus } from './largeRepository';
import { type Samples, samples } from './samples';

export interface GitContextResult {
  /** readRepository with HEAD on its upstream: the common case, two git processes side by side. */
  readRepository: Samples;
  /** A plain `git status` on the same repository, measured in the same run, interleaved. */
  gitStatus: Samples;
  /** readRepository with HEAD one commit ahead of its upstream: a third git process looks for HEAD on the remotes. */
  readRepositoryUnpushed: Samples;
  generatedMs?: number;
}

/**
 * The extension's own readRepository (branch, sha, upstream and ahead/behind, dirtiness) on a
 * repository of 100,000 files and 10,000 commits, against a plain `git status` as the baseline.
 */
export async function measureGitContext(runs: number): Promise<GitContextResult> {
  const repository = await ensureLargeRepository();
  const { dir } = repository;
  // A run stopped during the unpushed case below leaves origin/main behind; put it back.
  git(dir, ['update-ref', 'refs/remotes/origin/main', 'refs/heads/main']);
  // Warm the page cache for both, so neither pays for the first read of 100,000 inodes.
  plainGitStatus(dir);
  expectState(await readRepository(dir), 0);

  const ours: number[] = [];
  const baseline: number[] = [];
  for (let run = 0; run < runs; run++) {
    let started = performance.now();
    expectState(await readRepository(dir), 0);
    ours.push(performance.now() - started);
    started = performance.now();
    plainGitStatus(dir);
    baseline.push(performance.now() - started);
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
  return { readRepository: samples(ours), gitStatus: samples(baseline), readRepositoryUnpushed: samples(unpushed), generatedMs: repository.generatedMs };
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
