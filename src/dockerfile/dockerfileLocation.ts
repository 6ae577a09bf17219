import { realpathSync } from 'node:fs';
import { lstat, readlink } from 'node:fs/promises';
import * as nodePath from 'node:path';
import { dockerPathProblem } from '../build/dockerOverrideRules';

/** Where a Dockerfile sits, in the API's form: absolute from the repository root, forward slashes. */
export interface DockerfileLocation {
  /** e.g. `/services/api/Dockerfile` */
  dockerFilePath: string;
  /** The Dockerfile's folder as the build context, in `canonicalFolder` form: `/services/api` or `/`. */
  dockerWorkDir: string;
}

export type DockerfileLocationResult =
  | ({ ok: true } & DockerfileLocation)
  | { ok: false; reason: 'outsideRepository' | 'rejectedPath'; message: string };

type PathApi = Pick<typeof nodePath, 'relative' | 'isAbsolute' | 'sep'>;

/**
 * Converts a Dockerfile's absolute path on disk to the paths the API takes, from the path alone.
 * The repository root must be given as git reports it (symlinks resolved), and the file's path
 * must start with that same root; `locateChosenDockerfile` finds such a path on disk.
 * `pathApi` is `node:path` of the running OS; tests pass `path.win32` to check Windows paths.
 */
export function locateDockerfile(repositoryRoot: string, dockerfile: string, pathApi: PathApi = nodePath): DockerfileLocationResult {
  const relative = pathApi.relative(repositoryRoot, dockerfile);
  const segments = relative.split(pathApi.sep).filter((segment) => segment !== '');
  if (relative === '' || segments[0] === '..' || pathApi.isAbsolute(relative)) {
    return {
      ok: false,
      reason: 'outsideRepository',
      message: `The file "${dockerfile}" is not inside the repository "${repositoryRoot}"; Northflank builds from the repository, so pick a Dockerfile inside it.`,
    };
  }
  const dockerFilePath = `/${segments.join('/')}`;
  const dockerWorkDir = `/${segments.slice(0, -1).join('/')}`;
  const problem = dockerPathProblem(dockerFilePath, 'dockerFilePath', 'The Dockerfile path');
  if (problem !== undefined) {
    return { ok: false, reason: 'rejectedPath', message: `${problem} Rename the folder or file.` };
  }
  return { ok: true, dockerFilePath, dockerWorkDir };
}

/** More links than this on one path is a loop, as for the operating system. */
const MAX_LINKS = 40;
/** Windows link targets may use either slash; on POSIX a backslash is part of a name. */
const LINK_SEPARATOR = nodePath.sep === '\\' ? /[\\/]/ : '/';

/**
 * Where a Dockerfile chosen on disk is in the repository, as Northflank will find it in its clone.
 * git reports the repository root with symlinks resolved, so the root is compared resolved; but the
 * file's path below the root is kept as chosen, links and all, because the clone has the same links:
 * `app/Dockerfile -> ../docker/Dockerfile.prod` is sent as `/app/Dockerfile`, and a linked folder keeps
 * its own name too. Only when a link on the way would lead nowhere in the clone (written as an absolute
 * path, or stepping out of the repository and back in) is the file sent by its resolved path, which the
 * clone has. A link to a file outside the repository is refused: the clone has nothing there.
 */
export async function locateChosenDockerfile(repositoryRoot: string, dockerfile: string): Promise<DockerfileLocationResult> {
  const root = realPath(repositoryRoot) ?? repositoryRoot;
  const real = realPath(dockerfile);
  if (real === dockerfile) return locateDockerfile(root, dockerfile); // no link on the way: the common case
  if (real !== undefined && !isInside(root, real)) {
    return {
      ok: false,
      reason: 'outsideRepository',
      message: `The file "${dockerfile}" is a link to "${real}", outside the repository "${root}"; Northflank clones the repository, where the link leads nowhere, so pick a Dockerfile inside it.`,
    };
  }
  const below = segmentsBelowRoot(root, dockerfile);
  if (below === undefined) return locateDockerfile(root, real ?? dockerfile);
  if (real !== undefined && (await followInClone(root, below)) === undefined) return locateDockerfile(root, real);
  return locateDockerfile(root, nodePath.join(root, ...below));
}

/**
 * The path with every link resolved, undefined when it leads nowhere. Synchronous: Start Build waits
 * on a few of these, and each is quicker than a turn through libuv's threads, where other work queues.
 */
function realPath(path: string): string | undefined {
  try {
    return realpathSync.native(path);
  } catch {
    return undefined;
  }
}

function isInside(root: string, path: string): boolean {
  const relative = nodePath.relative(root, path);
  return relative !== '' && relative.split(nodePath.sep)[0] !== '..' && !nodePath.isAbsolute(relative);
}

/**
 * The names below the repository root on the path as chosen: the folders are walked up from the file
 * until one resolves to the root. Undefined when none does (the file is not in the repository).
 */
function segmentsBelowRoot(root: string, path: string): string[] | undefined {
  const below = [nodePath.basename(path)];
  for (let folder = nodePath.dirname(path); ; folder = nodePath.dirname(folder)) {
    const real = realPath(folder);
    if (real !== undefined && nodePath.relative(root, real) === '') return below;
    const parent = nodePath.dirname(folder);
    if (parent === folder) return undefined;
    below.unshift(nodePath.basename(folder));
  }
}

/** A path below the repository root, followed as a clone elsewhere would follow it. */
export interface FollowedPath {
  /** Each link met on the way, as a path below the root with forward slashes, in the order met. */
  links: string[];
  /** Where the path leads: names below the root, none of them a link on disk. It may not exist. */
  target: string[];
}

/**
 * Follows `segments`, names below the repository root, a name at a time as they would be followed
 * in a clone elsewhere. Undefined when that clone could not: a link on the way is absolute, steps
 * above the root, cannot be read, or the links loop. A name that does not exist is kept as it is.
 */
export async function followInClone(root: string, segments: readonly string[]): Promise<FollowedPath | undefined> {
  const pending = [...segments];
  const reached: string[] = [];
  const links: string[] = [];
  while (pending.length > 0) {
    const segment = pending.shift() as string;
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (reached.length === 0) return undefined;
      reached.pop();
      continue;
    }
    const path = nodePath.join(root, ...reached, segment);
    const stats = await lstat(path).catch(() => undefined);
    if (!stats?.isSymbolicLink()) {
      reached.push(segment);
      continue;
    }
    const target = await readlink(path).catch(() => undefined);
    if (target === undefined || nodePath.isAbsolute(target) || links.length >= MAX_LINKS) return undefined;
    links.push([...reached, segment].join('/'));
    pending.unshift(...target.split(LINK_SEPARATOR));
  }
  return { links, target: reached };
}

/**
 * One form for a folder of the repository, the one the extension sends: `/` for the root, else a
 * leading `/` and no trailing one (`/services/api`). The API takes both `/services/api` and
 * `/services/api/`, and services come configured either way, so folders are compared in this form.
 */
export function canonicalFolder(path: string): string {
  const trimmed = path.trim().replace(/\/{2,}/g, '/').replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

/** `/Dockerfile` and `Dockerfile` are one file: the API's form has the leading `/`. */
export function canonicalFilePath(path: string): string {
  const trimmed = path.trim().replace(/\/{2,}/g, '/');
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}
