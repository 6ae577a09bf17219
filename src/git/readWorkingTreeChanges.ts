import { describeGitFailure, GitFailure } from './gitFailure';
import { gitForReading, rawWithoutFilters } from './gitProcess';
import type { WorkingTreeChanges } from './repositoryState';
import { parsePorcelainStatus, PORCELAIN_STATUS_ARGS } from './statusPorcelain';

/**
 * Counts the uncommitted changes in the repository that holds `folder`: a full `git status`, which
 * looks at every tracked file (hundreds of milliseconds in a repository of 100,000 files). None of it
 * is part of a build, so a flow starts this beside its questions and its request and waits for it only
 * to warn. Two git processes, one after the other: the filter listing, then `status`.
 * Throws a GitFailure when git cannot answer.
 */
export async function readWorkingTreeChanges(folder: string): Promise<WorkingTreeChanges> {
  let output: string;
  try {
    output = await rawWithoutFilters(gitForReading(folder), PORCELAIN_STATUS_ARGS);
  } catch (error) {
    throw new GitFailure(describeGitFailure(error, 'counting the uncommitted changes', folder), error);
  }
  return parsePorcelainStatus(output).changes;
}
