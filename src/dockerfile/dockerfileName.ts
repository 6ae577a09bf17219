/**
 * The file names treated as Dockerfiles; the same set as the explorer menu's `when` clause in
 * package.json: `Dockerfile`, `Dockerfile.*`, `*.Dockerfile`, `*.dockerfile`, `Containerfile`.
 */
export const DOCKERFILE_GLOB = '**/{Dockerfile,Dockerfile.*,*.Dockerfile,*.dockerfile,Containerfile}';
