import vscode = require('vscode');
import { resolve } from 'node:path';
import type { Prompter } from '../prompter';
import { compareWithCommitted, type CommittedFileState } from '../../git/committedFile';
import { recallHead } from '../../git/headSnapshot';
import type { ReadMemory } from '../../git/readMemory';
import { repositoryNotices } from '../../git/repositoryNotices';
import type { RepositoryHead, WorkingTreeChanges } from '../../git/repositoryState';
import { log } from '../log';
import type { BuildSource } from './chooseSource';

/** The revision Northflank will build, when it is the one checked out here. */
interface BuiltRevision {
  commitish: string;
  /** How it is named to a person: `commit 1a2b3c4`, `origin/main`. */
  name: string;
}

/**
 * What Northflank builds, as far as this working tree can say: the commit for a commit build, the
 * branch's remote head for a build of the checked-out branch. Another branch than the checked-out
 * one says nothing about the files here, so it is not checked.
 */
export function builtRevision(repository: RepositoryHead, source: BuildSource): BuiltRevision | undefined {
  if (source.kind === 'commit') return { commitish: source.sha, name: vscode.l10n.t('commit {0}', source.sha.slice(0, 7)) };
  if (source.branch === undefined || source.branch !== repository.branch) return undefined;
  if (repository.upstream?.exists) return { commitish: `refs/remotes/${repository.upstream.name}`, name: repository.upstream.name };
  return { commitish: repository.sha, name: vscode.l10n.t('commit {0}', repository.sha.slice(0, 7)) };
}

/** How a Dockerfile compares with what Northflank builds; undefined when that can't be told here. */
export type BuiltComparison = { state: CommittedFileState; revision: string } | undefined;

/**
 * Compares the Dockerfile with what Northflank builds, saying nothing to the person: cheap enough
 * (one git process when the file is as committed) to start before the person has chosen, for the
 * Dockerfile Enter would choose. When git cannot tell, the build goes on: the check only spares a
 * build that would fail.
 */
export async function compareWithBuilt(repository: RepositoryHead, source: BuildSource, dockerFilePath: string, memory: ReadMemory): Promise<BuiltComparison> {
  const revision = builtRevision(repository, source);
  if (!revision) return undefined;
  try {
    return { state: await compareWithCommitted(repository.root, revision.commitish, dockerFilePath, memory), revision: revision.name };
  } catch (error) {
    log().warn(`Could not compare ${dockerFilePath} with ${revision.name}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/**
 * A comparison started beside the read of HEAD, before its sha is known: of the Dockerfile Enter would
 * build, in the folder most likely the repository's top, against HEAD as git finds it a few
 * milliseconds later than the read does. `matches` says whether it is the comparison a build needs.
 */
export interface EarlyComparison {
  root: string;
  dockerFilePath: string;
  /** Undefined when git could not tell (not a repository, say): the flow then compares anew. */
  state: Promise<CommittedFileState | undefined>;
}

export function compareEarly(root: string, dockerFilePath: string, memory: ReadMemory): EarlyComparison {
  // HEAD as remembered, when it still is (see headSnapshot.ts): by its id, what the commit holds can be remembered too.
  const comparing = recallHead(memory, root).then((head) => compareWithCommitted(root, head?.sha ?? 'HEAD', dockerFilePath, memory));
  return { root, dockerFilePath, state: comparing.catch(() => undefined) };
}

/** The comparison of `dockerFilePath` with what `source` builds: the early one when it is that, else a new one. */
export async function compareWithBuiltOrEarly(
  repository: RepositoryHead,
  source: BuildSource,
  dockerFilePath: string,
  early: EarlyComparison | undefined,
  memory: ReadMemory,
): Promise<BuiltComparison> {
  const revision = builtRevision(repository, source);
  const same = early && revision && source.kind === 'commit' && source.sha === repository.sha && early.dockerFilePath === dockerFilePath && resolve(early.root) === repository.root;
  const state = same ? await early.state : undefined;
  return state && revision ? { state, revision: revision.name } : compareWithBuilt(repository, source, dockerFilePath, memory);
}

/**
 * After a build of a commit: what the commit holds at the Dockerfile's path, kept by the commit's id
 * (see compareWithCommitted), for the next build of that commit, in this window or a later one, to
 * compare without git. An early comparison was against `HEAD`, which can move, and so was not kept.
 * Runs git only when it was not kept before; says nothing.
 */
export function rememberBuiltDockerfile(repository: RepositoryHead, source: BuildSource, dockerFilePath: string | undefined, memory: ReadMemory): void {
  if (source.kind !== 'commit' || dockerFilePath === undefined) return;
  void compareWithCommitted(repository.root, source.sha, dockerFilePath, memory).catch(() => undefined);
}

/**
 * Whether the Dockerfile may be built. Missing from what is built: says to commit and push it, and
 * resolves undefined (nothing is sent). Otherwise its state, 'unknown' when git could not tell.
 */
export function refuseMissing(prompter: Prompter, dockerFilePath: string, comparison: BuiltComparison): CommittedFileState | 'unknown' | undefined {
  if (!comparison) return 'unknown';
  if (comparison.state === 'missing') {
    void prompter.notify('error', vscode.l10n.t('Northflank: {0} is not in {1}, which is what Northflank builds. Commit and push it, then start the build again. Nothing was sent.', dockerFilePath, comparison.revision));
    return undefined;
  }
  return comparison.state;
}

/**
 * One warning about uncommitted work, none of which is built: about the Dockerfile itself when it
 * differs from what is built, else about the working tree, once `changes` has counted them (nothing
 * when they could not be).
 */
export async function warnUncommitted(
  prompter: Prompter,
  repository: RepositoryHead,
  changes: () => Promise<WorkingTreeChanges | undefined>,
  source: BuildSource,
  dockerFilePath: string | undefined,
  dockerfileState: CommittedFileState | 'unknown' | undefined,
): Promise<void> {
  if (dockerFilePath && dockerfileState === 'changed') {
    const revision = builtRevision(repository, source);
    const message = revision
      ? vscode.l10n.t('Northflank: {0} has changes that are not in {1}; Northflank builds the committed version.', dockerFilePath, revision.name)
      : vscode.l10n.t('Northflank: {0} has changes that are not in what is built; Northflank builds the committed version.', dockerFilePath);
    void prompter.notify('warning', message);
    return;
  }
  const dirty = repositoryNotices({ ...repository, changes: await changes() }).find((notice) => notice.kind === 'dirty');
  if (dirty) void prompter.notify('warning', vscode.l10n.t('Northflank: {0}', dirty.message));
}
