import { contextChoices } from '../dockerfile/buildContext';
import type { DockerfileSettings } from '../northflank/types';

/** The choices of the last build of a service or job, offered first next time so a repeat is Enter, Enter. */
export interface LastBuild {
  dockerFilePath?: string;
  dockerWorkDir?: string;
  dockerfileTarget?: string;
  buildArguments?: Record<string, string>;
}

/**
 * Whether last time's choices send something that Enter at every other question would not: build
 * arguments, a target, or another context than the first offered for that Dockerfile. When they
 * don't, "Like last time" beside a lone Dockerfile would be a question whose two answers are one build.
 */
export function differsFromDefaults(last: LastBuild, service: DockerfileSettings): boolean {
  if (Object.keys(last.buildArguments ?? {}).length > 0 || last.dockerfileTarget !== undefined) return true;
  if (last.dockerFilePath === undefined || last.dockerWorkDir === undefined) return false;
  return contextChoices(last.dockerFilePath, service)[0]?.folder !== last.dockerWorkDir;
}
