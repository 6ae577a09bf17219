import { buildableKey } from '../northflank/buildableRef';
import type { BuildableRef, BuildMethod } from '../northflank/types';

/** What the rule needs to know of each linked service or job. */
export interface DockerfileCandidate {
  ref: BuildableRef;
  buildMethod?: BuildMethod;
  /** The Dockerfile it builds: the team's setting when it names one, else the service's or job's own. */
  dockerFilePath?: string;
}

export type DockerfileMatch =
  | { kind: 'one'; ref: BuildableRef }
  /** Several, or none: ask once, offering these (all Dockerfile builds when none matched). */
  | { kind: 'ask'; matching: BuildableRef[]; offered: BuildableRef[] };

/**
 * Which linked service or job a Dockerfile builds. The only one that builds from a Dockerfile needs no
 * question; a remembered answer wins while it is still linked; then the one whose Dockerfile is this
 * file; else the person is asked. Buildpack builds never match a Dockerfile, whatever their deprecated
 * Dockerfile fields say.
 */
export function matchDockerfile(dockerFilePath: string, candidates: DockerfileCandidate[], remembered?: BuildableRef): DockerfileMatch {
  const dockerBuilt = candidates.filter((candidate) => candidate.buildMethod !== 'buildpack');
  if (dockerBuilt.length === 1) return { kind: 'one', ref: dockerBuilt[0].ref };
  if (remembered && dockerBuilt.some((candidate) => buildableKey(candidate.ref) === buildableKey(remembered))) {
    return { kind: 'one', ref: remembered };
  }
  const wanted = normalizeDockerfilePath(dockerFilePath);
  const matching = dockerBuilt.filter((candidate) => candidate.dockerFilePath !== undefined && normalizeDockerfilePath(candidate.dockerFilePath) === wanted);
  if (matching.length === 1) return { kind: 'one', ref: matching[0].ref };
  return { kind: 'ask', matching: matching.map((c) => c.ref), offered: (matching.length > 0 ? matching : dockerBuilt).map((c) => c.ref) };
}

/** `services/api/Dockerfile`, `/services/api/Dockerfile` and `/services//api/Dockerfile` name one file. */
export function normalizeDockerfilePath(path: string): string {
  return `/${path.split('/').filter((segment) => segment !== '' && segment !== '.').join('/')}`;
}
