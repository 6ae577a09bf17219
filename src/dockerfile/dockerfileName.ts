/**
 * The file names treated as Dockerfiles; the same set as the explorer menu's `when` clause in
 * package.json: `Dockerfile`, `Dockerfile.*`, `*.Dockerfile`, `*.dockerfile`, `Containerfile`.
 */
export const DOCKERFILE_GLOB = '**/{Dockerfile,Dockerfile.*,*.Dockerfile,*.dockerfile,Containerfile}';

const DOCKERFILE_NAME = /^(Dockerfile(\..+)?|.+\.[Dd]ockerfile|Containerfile)$/;

/** Whether a file name (or the last part of a path) names a Dockerfile. */
export function isDockerfileName(fileName: string): boolean {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  return DOCKERFILE_NAME.test(base);
}
