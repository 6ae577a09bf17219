import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';

/** Where a repository keeps its refs: `gitDir` holds HEAD, `commonDir` the branches, remote-tracking refs and config (they differ in a linked worktree). */
export interface GitDirs {
  gitDir: string;
  commonDir: string;
}

/** HEAD and the current branch's upstream, as the ref files on disk say. */
export interface HeadState {
  /** Undefined when HEAD is detached. */
  branch?: string;
  headSha?: string;
  /** The remote-tracking ref of the branch's upstream, such as `refs/remotes/origin/main`. */
  upstreamRef?: string;
  /** The branch the upstream names on the remote, such as `main`: what Northflank sees pushed. */
  upstreamBranch?: string;
  upstreamSha?: string;
}

/** A commit this repository has on its remote: HEAD and its upstream are the same commit. */
export interface PushedCommit {
  branch: string;
  sha: string;
}

/**
 * The git folders of the repository holding `folder`, walking up as git does; undefined outside a
 * repository. Reads files only: watching a repository must not start a git process.
 */
export async function findGitDirs(folder: string): Promise<GitDirs | undefined> {
  for (let dir = resolve(folder); ; dir = dirname(dir)) {
    const dotGit = join(dir, '.git');
    const info = await stat(dotGit).catch(() => undefined);
    if (info?.isDirectory()) return { gitDir: dotGit, commonDir: await commonDirOf(dotGit) };
    if (info?.isFile()) {
      // A linked worktree or a submodule: `.git` is a file that says where the git folder is.
      const pointer = /^gitdir:\s*(.+?)\s*$/m.exec(await readFile(dotGit, 'utf8'))?.[1];
      if (pointer) {
        const gitDir = isAbsolute(pointer) ? pointer : resolve(dir, pointer);
        return { gitDir, commonDir: await commonDirOf(gitDir) };
      }
    }
    if (dirname(dir) === dir) return undefined;
  }
}

async function commonDirOf(gitDir: string): Promise<string> {
  const text = await readText(join(gitDir, 'commondir'));
  if (text === undefined) return gitDir;
  const common = text.trim();
  return isAbsolute(common) ? common : resolve(gitDir, common);
}

/** HEAD's branch and commit and its upstream's, read from HEAD, the config, loose refs and packed-refs. */
export async function readHeadState(dirs: GitDirs): Promise<HeadState> {
  const head = (await readText(join(dirs.gitDir, 'HEAD')))?.trim();
  if (head === undefined) return {};
  const symbolic = /^ref:\s*(\S+)$/.exec(head)?.[1];
  if (!symbolic) return { headSha: isSha(head) ? head : undefined };
  const branch = symbolic.startsWith('refs/heads/') ? symbolic.slice('refs/heads/'.length) : undefined;
  const headSha = await readRef(dirs, symbolic);
  if (branch === undefined) return { headSha };
  const upstream = upstreamOf(await readText(join(dirs.commonDir, 'config')), branch);
  if (!upstream) return { branch, headSha };
  return { branch, headSha, ...upstream, upstreamSha: await readRef(dirs, upstream.upstreamRef) };
}

/** The commit a push made this repository's: defined only when the upstream holds HEAD itself, so a fetch of someone else's commit is not taken for it. */
export function pushedCommit(state: HeadState): PushedCommit | undefined {
  if (!state.headSha || !state.upstreamBranch || state.upstreamSha !== state.headSha) return undefined;
  return { branch: state.upstreamBranch, sha: state.headSha };
}

/** A loose ref file wins over packed-refs, as in git; refs other than HEAD-local ones live in the common folder. */
export async function readRef(dirs: GitDirs, name: string): Promise<string | undefined> {
  for (const dir of new Set([dirs.gitDir, dirs.commonDir])) {
    const loose = (await readText(join(dir, ...name.split('/'))))?.trim();
    if (loose !== undefined) {
      const target = /^ref:\s*(\S+)$/.exec(loose)?.[1];
      if (target) return target === name ? undefined : readRef(dirs, target);
      return isSha(loose) ? loose : undefined;
    }
  }
  const packed = await readText(join(dirs.commonDir, 'packed-refs'));
  for (const line of packed?.split(/\r?\n/) ?? []) {
    const [sha, ref] = line.split(' ');
    if (ref === name && isSha(sha)) return sha;
  }
  return undefined;
}

/**
 * `branch.<name>.remote` and `.merge` from the config, as the remote-tracking ref they stand for. Only a
 * branch whose remote is a named remote has one; a remote of `.` (a local branch) has none.
 */
export function upstreamOf(config: string | undefined, branch: string): { upstreamRef: string; upstreamBranch: string } | undefined {
  if (config === undefined) return undefined;
  let inBranch = false;
  let remote: string | undefined;
  let merge: string | undefined;
  for (const raw of config.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('[')) {
      const section = /^\[\s*branch\s+"((?:[^"\\]|\\.)*)"\s*\]/i.exec(line);
      inBranch = section !== null && section[1].replace(/\\(.)/g, '$1') === branch;
      continue;
    }
    if (!inBranch) continue;
    const entry = /^([A-Za-z][A-Za-z0-9-]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!entry) continue;
    const value = entry[2].replace(/^"(.*)"$/, '$1');
    if (entry[1].toLowerCase() === 'remote') remote = value;
    if (entry[1].toLowerCase() === 'merge') merge = value;
  }
  if (!remote || remote === '.' || !merge?.startsWith('refs/heads/')) return undefined;
  const upstreamBranch = merge.slice('refs/heads/'.length);
  return { upstreamRef: `refs/remotes/${remote}/${upstreamBranch}`, upstreamBranch };
}

function isSha(text: string | undefined): text is string {
  return text !== undefined && /^([0-9a-f]{40}|[0-9a-f]{64})$/.test(text);
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}
