/** The branch that the current branch tracks, as `git status` and `git for-each-ref` report it. */
export interface Upstream {
  /** e.g. `origin/main` */
  name: string;
  /** False when the upstream is configured but its remote-tracking branch is missing (deleted on the remote, or never fetched). */
  exists: boolean;
  /** Commits on HEAD that the upstream does not have (0 when it does not exist). */
  ahead: number;
  /** Commits on the upstream that HEAD does not have. */
  behind: number;
}

/** Uncommitted work, none of which is part of a build of the HEAD commit. */
export interface WorkingTreeChanges {
  /** Modified, added, deleted or conflicted tracked files. */
  tracked: number;
  untracked: number;
  conflicted: number;
}

/**
 * A repository with at least one commit, as its refs and config tell it: everything but the working
 * tree's changes, which take a scan of every tracked file to count (see `readRepositoryHead`).
 */
export interface RepositoryHead {
  kind: 'repository';
  /** The top folder of the working tree, as git reports it (symlinks resolved). */
  root: string;
  /** The HEAD commit, 40 hex characters. */
  sha: string;
  /** The checked-out branch, or undefined when HEAD is detached. */
  branch: string | undefined;
  /** Undefined when the branch has no upstream (or HEAD is detached). */
  upstream: Upstream | undefined;
  /** A remote-tracking branch that contains HEAD, e.g. `origin/main`; undefined when no remote has the commit. */
  pushedTo: string | undefined;
}

/** A repository with at least one commit, and its uncommitted changes. */
export interface Repository extends RepositoryHead {
  changes: WorkingTreeChanges;
}

/** Why there is no commit to build, in words for a person. */
export type RepositoryProblem =
  | { kind: 'notRepository'; folder: string; message: string }
  | { kind: 'noCommits'; root: string; branch: string | undefined; message: string }
  | { kind: 'gitFailed'; folder: string; message: string };

export type RepositoryHeadState = RepositoryHead | RepositoryProblem;

export type RepositoryState = Repository | RepositoryProblem;
