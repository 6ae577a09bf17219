import { createHash } from 'node:crypto';
import { lstatSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { remembered, rememberFirst, type ReadMemory } from './readMemory';
import type { RepositoryHead } from './repositoryState';

/**
 * What one `git rev-parse` said about HEAD, with a mark of each file its answer came from.
 *
 * Git never edits a ref, HEAD or a config file in place: it writes a new file and renames it over
 * the old one, which gives it a new inode and a new change time. So while every file keeps its mark
 * (inode, size, modification and change time, to the nanosecond; or absent), git would say the same
 * again, and a Start Build sends without waiting for a git process. Any commit, checkout, fetch,
 * pull, push, pack-refs or upstream change moves a mark, and git is asked again.
 */
interface HeadSnapshot {
  folder: string;
  /** Path → mark, for every file that decides what the read prints. */
  marks: Record<string, string>;
  /** A digest of the GIT_* variables, which can point git elsewhere. Never the values themselves. */
  environment: string;
  head: RepositoryHead;
}

/** What the common case's read (a branch in step with its upstream) learned besides the head. */
export interface InStepRead {
  head: RepositoryHead;
  /** The repository's own folder, absolute: `.git`, or where a `.git` file points. */
  gitDir: string;
  /** e.g. `refs/heads/main` */
  headRef: string;
  /** e.g. `refs/remotes/origin/main` */
  upstreamRef: string;
}

const KEY = 'northflank.headSnapshots';
/** Folders remembered, most recent first. */
const KEPT = 8;
/**
 * A file changed this recently may have changed while git read it: the read is then not kept. File
 * times come from a clock that ticks every few milliseconds, and a network disk's from another machine.
 */
export const SETTLED_MS = 2_000;
const ABSENT = '-';

/** The head remembered for `folder`, if every file it came from is as it was; else undefined. Never throws. */
export async function recallHead(memory: ReadMemory, folder: string): Promise<RepositoryHead | undefined> {
  const snapshot = remembered<HeadSnapshot>(memory, KEY).find((known) => known?.folder === folder);
  if (!snapshot?.marks || !snapshot.head || snapshot.environment !== gitEnvironment()) return undefined;
  const paths = Object.keys(snapshot.marks);
  const now = paths.map(markOf);
  return paths.length > 0 && paths.every((path, index) => now[index]?.text === snapshot.marks[path]) ? snapshot.head : undefined;
}

/**
 * Keeps `read` for `folder`, when it can be proven later: not in a linked worktree (whose refs live
 * in another folder) or a reftable repository, not with a config that includes other files, and only
 * when no file it came from changed since `readAt - settledMs`. Synchronous: a few lstat calls and a
 * small file read, done before the head is returned. Never throws.
 */
export function rememberHead(memory: ReadMemory, folder: string, readAt: number, read: InStepRead, settledMs: number): void {
  const paths = decidingFiles(folder, read);
  const marks = paths.map(markOf);
  if (marks.some((found) => found === undefined || found.changedMs >= readAt - settledMs)) return;
  const inGitDir = (name: string) => marks[paths.indexOf(join(read.gitDir, name))]?.text;
  if (inGitDir('commondir') !== ABSENT || inGitDir('reftable') !== ABSENT) return;
  const config = readConfig(join(read.gitDir, 'config'));
  if (config === undefined || /^\s*\[\s*include/im.test(config)) return;
  const snapshot: HeadSnapshot = {
    folder,
    marks: Object.fromEntries(paths.map((path, index) => [path, (marks[index] as Mark).text])),
    environment: gitEnvironment(),
    head: read.head,
  };
  // A Memento holds the value at once and writes it to disk later: nothing waits for that.
  rememberFirst(memory, KEY, snapshot, (known) => known.folder === folder, KEPT).then(undefined, () => undefined);
}

function readConfig(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Every file whose content decides what the in-step read prints: HEAD, the branch and its upstream
 * (loose or packed), the configs that name the upstream, and each `.git` git looks for on its way up
 * from `folder` to the top of the working tree.
 */
function decidingFiles(folder: string, { head, gitDir, headRef, upstreamRef }: InStepRead): string[] {
  const inGitDir = (path: string) => join(gitDir, ...path.split('/'));
  const files = ['HEAD', headRef, upstreamRef, 'packed-refs', 'config', 'config.worktree', 'commondir', 'reftable'].map(inGitDir);
  files.push(join(head.root, '.git'));
  for (let dir = folder; dir !== head.root && dir !== dirname(dir); dir = dirname(dir)) files.push(join(dir, '.git'));
  const home = homedir();
  const xdg = process.env.XDG_CONFIG_HOME || join(home, '.config');
  files.push(process.env.GIT_CONFIG_GLOBAL || join(home, '.gitconfig'), join(xdg, 'git', 'config'), process.env.GIT_CONFIG_SYSTEM || '/etc/gitconfig');
  return [...new Set(files)];
}

interface Mark {
  /** A file's inode, size, modification and change time; a folder's inode; or ABSENT. */
  text: string;
  /** The change time in epoch milliseconds; -Infinity for a folder or an absent file. */
  changedMs: number;
}

/**
 * A file that is not there is marked absent; undefined when it cannot be looked at (permissions),
 * which makes a read unprovable.
 */
function markOf(path: string): Mark | undefined {
  try {
    // A dozen lstat calls take well under a millisecond; queued behind other work in libuv's four
    // threads, as promises, they took up to 50 ms in a window still starting.
    const stats = lstatSync(path, { bigint: true });
    // A folder (`.git` itself) is marked by what it is: its times change whenever git adds or removes a
    // file in it, a lock file for one, which any `git status` of VS Code's own git extension does.
    if (stats.isDirectory()) return { text: `folder:${stats.ino}`, changedMs: -Infinity };
    return { text: `${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`, changedMs: Number(stats.ctimeNs / 1_000_000n) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? { text: ABSENT, changedMs: -Infinity } : undefined;
  }
}

/** The GIT_* variables of this process, digested: a window started with another GIT_DIR reads another repository. */
function gitEnvironment(): string {
  const variables = Object.entries(process.env)
    .filter(([name]) => name.toUpperCase().startsWith('GIT_'))
    .sort(([a], [b]) => a.localeCompare(b));
  return createHash('sha256').update(JSON.stringify(variables)).digest('hex');
}
