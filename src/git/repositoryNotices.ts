import type { RepositoryHead, WorkingTreeChanges } from './repositoryState';

export type RepositoryNoticeKind = 'notOnRemote' | 'detached' | 'noUpstream' | 'upstreamMissing' | 'unpushed' | 'behind' | 'dirty';

export interface RepositoryNotice {
  kind: RepositoryNoticeKind;
  message: string;
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * What a person should know before building this repository's HEAD, most important first.
 * Only `notOnRemote` stops a build of the commit: Northflank clones from the remote.
 * The uncommitted changes (`dirty`) only when they were counted.
 */
export function repositoryNotices(repository: RepositoryHead & { changes?: WorkingTreeChanges }): RepositoryNotice[] {
  const { branch, upstream, changes } = repository;
  const short = repository.sha.slice(0, 7);
  const notices: RepositoryNotice[] = [];
  if (repository.pushedTo === undefined) {
    notices.push({ kind: 'notOnRemote', message: `Commit ${short} is on no remote branch, so Northflank cannot fetch it. Push it first.` });
  }
  if (branch === undefined) {
    notices.push({ kind: 'detached', message: `HEAD is detached at ${short}: no branch is checked out.` });
  } else if (upstream === undefined) {
    notices.push({ kind: 'noUpstream', message: `Branch "${branch}" has no upstream branch on a remote.` });
  } else if (!upstream.exists) {
    notices.push({ kind: 'upstreamMissing', message: `The upstream ${upstream.name} of branch "${branch}" is gone from the remote (or was never fetched).` });
  } else {
    if (upstream.ahead > 0) {
      notices.push({ kind: 'unpushed', message: `Branch "${branch}" has ${count(upstream.ahead, 'commit', 'commits')} not pushed to ${upstream.name}.` });
    }
    if (upstream.behind > 0) {
      notices.push({ kind: 'behind', message: `${upstream.name} has ${count(upstream.behind, 'commit', 'commits')} that "${branch}" does not have.` });
    }
  }
  if (changes === undefined) return notices;
  const uncommitted = [
    changes.tracked > 0 ? count(changes.tracked, 'changed file', 'changed files') : undefined,
    changes.untracked > 0 ? count(changes.untracked, 'untracked file', 'untracked files') : undefined,
  ].filter((part) => part !== undefined);
  if (uncommitted.length > 0) {
    const one = changes.tracked + changes.untracked === 1;
    notices.push({
      kind: 'dirty',
      message: `${uncommitted.join(' and ')} ${one ? 'is' : 'are'} not committed, so the build of ${short} will not include ${one ? 'it' : 'them'}.`,
    });
  }
  return notices;
}
