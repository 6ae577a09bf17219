/**
 * The files the Dockerfile search finds: the names the Dockerfile menus' `when` clauses in package.json
 * accept, `Dockerfile`, `Dockerfile.<something>`, `<something>.Dockerfile`, `<something>.dockerfile`
 * and `Containerfile`. `?*` rather than `*`: VS Code's `*` also matches nothing, so `*.Dockerfile`
 * would find `.Dockerfile` and `Dockerfile.*` would find `Dockerfile.`, which the menus refuse.
 */
export const DOCKERFILE_GLOB = '**/{Dockerfile,Dockerfile.?*,?*.Dockerfile,?*.dockerfile,Containerfile}';

/** Whether a file name is one `DOCKERFILE_GLOB` finds. */
export function isDockerfileName(name: string): boolean {
  return /^(Dockerfile(\..+)?|.+\.[Dd]ockerfile|Containerfile)$/s.test(name);
}
