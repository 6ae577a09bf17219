import { createHash } from 'node:crypto';
import { lstat, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { SimpleGit } from 'simple-git';
import { followInClone } from '../dockerfile/dockerfileLocation';
import { describeGitFailure, gitErrorText, GitFailure } from './gitFailure';
import { gitForReading, rawWithoutFilters } from './gitProcess';
import { remembered, rememberFirst, type ReadMemory } from './readMemory';

/**
 * How a file in the working tree stands against a commit that Northflank will build:
 * - `clean`: the commit holds the file as it is on disk, so the build uses what the user sees.
 * - `changed`: the commit holds a file at that path, but another version (edited or only staged
 *   since, deleted from the working tree, or replaced there by a folder or link).
 * - `missing`: the commit holds no file at that path (never committed, only staged, added after
 *   that commit or deleted in it, a folder or submodule there), so the build cannot find it.
 */
export type CommittedFileState = 'clean' | 'changed' | 'missing';

/** One entry `git ls-tree -z` prints: `<mode> SP <type> SP <object id> TAB <path>`, unquoted. */
const TREE_ENTRY = /^(\d{6}) (\S+) ([0-9a-f]+)\t(.+)$/s;
const LINK_MODE = '120000';

/**
 * Compares the working-tree file at the repository path `apiPath` (leading '/', as the API writes
 * it, e.g. '/services/api/Dockerfile') with the same path in `commitish` (a sha, or a ref like
 * 'refs/remotes/origin/main'), in the repository whose top folder is `root`.
 *
 * The path is followed as Northflank's clone would follow it: each link on the way (the Dockerfile
 * itself, or a folder) must be in the commit as the same link, and the file it leads to must be
 * there with the same content. A path that a clone could not follow (through an absolute link, or
 * one stepping above the root) and one with an empty, `.` or `..` name are `missing`: no commit
 * holds a file there. Only content counts; the executable bit does not.
 *
 * The content is compared as git would commit it: a file that is the committed blob byte for byte
 * is `clean` at once; otherwise git hashes it with the repository's end-of-line, `ident` and
 * encoding settings (so a CRLF copy of an LF blob under `core.autocrlf` is `clean`), but with every
 * filter driver off (see `rawWithoutFilters`): a file behind a clean filter, Git LFS's for one,
 * counts as `changed` unless it is the committed blob itself.
 *
 * One git process (`ls-tree`) when the file is as committed, or is missing from either side; two
 * more, one after the other, when its bytes differ from the blob. Throws a GitFailure when git
 * cannot answer: the commit is not in the repository (say, not fetched yet), `root` is not a
 * repository, or the file cannot be read.
 */
export async function compareWithCommitted(root: string, commitish: string, apiPath: string, memory?: ReadMemory): Promise<CommittedFileState> {
  const segments = (apiPath.startsWith('/') ? apiPath.slice(1) : apiPath).split('/');
  // Git's trees hold none of these names, and git would read `..` as a way out of the repository.
  if (segments.some((name) => name === '' || name === '.' || name === '..' || name.includes('\0'))) return 'missing';
  // Made when git is first needed: what was kept, or a file as committed, needs none.
  let made: SimpleGit | undefined;
  const git = (): SimpleGit => {
    try {
      return (made ??= gitForReading(root));
    } catch (error) {
      throw new GitFailure(`The folder "${root}" does not exist.`, error);
    }
  };
  const followed = await followInClone(root, segments);
  if (followed === undefined || followed.target.length === 0) return 'missing';
  const target = followed.target.join('/');
  const committed = await committedEntries(git, root, commitish, [...followed.links, target], apiPath, memory);
  const states = await Promise.all([
    ...followed.links.map((link) => compareLink(root, link, committed.get(link))),
    compareFile(git, root, target, committed.get(target)),
  ]);
  return states.includes('missing') ? 'missing' : states.includes('changed') ? 'changed' : 'clean';
}

interface TreeEntry {
  mode: string;
  type: string;
  id: string;
}

/**
 * The entries `commitish` holds at `paths`, by path; a path it does not hold has none. A commit's
 * tree never changes, so what a commit named by its full id holds is kept in `memory` and not asked
 * of git again; a ref or `HEAD` can move, so theirs is never kept.
 */
async function committedEntries(git: () => SimpleGit, root: string, commitish: string, paths: string[], apiPath: string, memory?: ReadMemory): Promise<Map<string, TreeEntry>> {
  const key = FULL_COMMIT_ID.test(commitish) ? [commitish, ...paths].join('\0') : undefined;
  const known = memory && key !== undefined ? remembered<KeptEntries>(memory, ENTRIES_KEY).find((kept) => kept?.key === key) : undefined;
  if (known && Array.isArray(known.entries)) return new Map(known.entries);
  const reader = git();
  let output: string;
  try {
    // The read environment makes each path literal (see `gitForReading`), and ls-tree reads no blob.
    output = await reader.raw(['ls-tree', '-z', '--end-of-options', commitish, '--', ...paths]);
  } catch (error) {
    if (/not a valid object name|not a tree object/i.test(gitErrorText(error))) {
      throw new GitFailure(
        `The repository "${root}" has no commit "${commitish}", so it cannot tell whether that commit holds "${apiPath}". Fetch it (git fetch), then try again.`,
        error,
      );
    }
    throw new GitFailure(describeGitFailure(error, `looking for "${apiPath}" in ${commitish}`, root), error);
  }
  const entries = new Map<string, TreeEntry>();
  for (const record of output.split('\0')) {
    const match = TREE_ENTRY.exec(record);
    if (match !== null) entries.set(match[4], { mode: match[1], type: match[2], id: match[3] });
  }
  if (memory && key !== undefined) {
    rememberFirst<KeptEntries>(memory, ENTRIES_KEY, { key, entries: [...entries] }, (kept) => kept?.key === key, KEPT_ENTRIES).then(undefined, () => undefined);
  }
  return entries;
}

/** 40 hex digits (SHA-1) or 64 (SHA-256): a commit, not a name that can move. */
const FULL_COMMIT_ID = /^([0-9a-f]{40}|[0-9a-f]{64})$/;
const ENTRIES_KEY = 'northflank.committedEntries';
/** Commits and paths remembered, most recent first. */
const KEPT_ENTRIES = 32;

interface KeptEntries {
  /** The commit and the paths asked about, NUL-separated. */
  key: string;
  entries: [string, TreeEntry][];
}

/** A link on the way, which git stores as a blob holding its target, exactly as `readlink` gives it. */
async function compareLink(root: string, link: string, committed: TreeEntry | undefined): Promise<CommittedFileState> {
  if (committed?.type !== 'blob') return 'missing';
  if (committed.mode !== LINK_MODE) return 'changed';
  const target = await readlink(join(root, ...link.split('/')), { encoding: 'buffer' }).catch(() => undefined);
  return target !== undefined && blobId(target, committed.id) === committed.id ? 'clean' : 'changed';
}

async function compareFile(git: () => SimpleGit, root: string, path: string, committed: TreeEntry | undefined): Promise<CommittedFileState> {
  if (committed?.type !== 'blob') return 'missing';
  const file = join(root, ...path.split('/'));
  const stats = await lstat(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
    throw new GitFailure(`Could not read "${file}": ${error.message}`, error);
  });
  // Deleted, or a folder (or a fifo, which reading would wait on) where the commit has a file.
  if (stats === undefined || !stats.isFile()) return 'changed';
  let content: Buffer;
  try {
    content = await readFile(file);
  } catch (error) {
    throw new GitFailure(`Could not read "${file}": ${error instanceof Error ? error.message : String(error)}`, error);
  }
  // Also what git does with a CRLF blob under core.autocrlf: it keeps the CRLF the index already has.
  if (blobId(content, committed.id) === committed.id) return 'clean';
  let hashed: string;
  try {
    hashed = await rawWithoutFilters(git(), ['hash-object', '--', path]);
  } catch (error) {
    throw new GitFailure(describeGitFailure(error, `reading "${path}" as git would commit it`, root), error);
  }
  return hashed.trim() === committed.id ? 'clean' : 'changed';
}

/**
 * The id git gives a blob of `content` unconverted, in the hash of `like` (an id of the same
 * repository: 40 hex digits for SHA-1, 64 for SHA-256).
 */
function blobId(content: Buffer, like: string): string {
  return createHash(like.length === 64 ? 'sha256' : 'sha1')
    .update(`blob ${content.length}\0`)
    .update(content)
    .digest('hex');
}
