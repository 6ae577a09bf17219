import * as nodePath from 'node:path';
import { dockerPathProblem } from '../build/dockerOverrideRules';

/** Where a Dockerfile sits, in the API's form: absolute from the repository root, forward slashes. */
export interface DockerfileLocation {
  /** e.g. `/services/api/Dockerfile` */
  dockerFilePath: string;
  /** The Dockerfile's folder as the build context, e.g. `/services/api/` or `/`. */
  dockerWorkDir: string;
}

export type DockerfileLocationResult =
  | ({ ok: true } & DockerfileLocation)
  | { ok: false; reason: 'outsideRepository' | 'rejectedPath'; message: string };

type PathApi = Pick<typeof nodePath, 'relative' | 'isAbsolute' | 'sep'>;

/**
 * Converts a Dockerfile's absolute path on disk to the paths the API takes. Both paths should be
 * real paths (symlinks resolved), as git reports the repository root that way.
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
  const dockerWorkDir = segments.length === 1 ? '/' : `/${segments.slice(0, -1).join('/')}/`;
  const problem = dockerPathProblem(dockerFilePath, 'dockerFilePath', 'The Dockerfile path');
  if (problem !== undefined) {
    return { ok: false, reason: 'rejectedPath', message: `${problem} Rename the folder or file.` };
  }
  return { ok: true, dockerFilePath, dockerWorkDir };
}
