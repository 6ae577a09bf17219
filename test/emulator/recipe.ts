import type { SeedBuildable } from './seed';
import type { BuildRecord } from './state';
import { isObject } from './validation';

export type BuildRecipe = Pick<BuildRecord, 'dockerfile'> | Pick<BuildRecord, 'buildpack'>;

/** What a build runs: its parent's buildpack, or its Dockerfile settings with the start body's overrides on top. */
export function buildRecipe(parent: SeedBuildable | undefined, overrides?: unknown): BuildRecipe {
  if (parent?.buildpack) return { buildpack: { ...parent.buildpack } };
  const docker = isObject(overrides) && isObject(overrides.docker) ? overrides.docker : {};
  return {
    dockerfile: {
      dockerFilePath: (docker.dockerFilePath as string | undefined) ?? parent?.dockerfile?.dockerFilePath ?? '/Dockerfile',
      dockerWorkDir: (docker.dockerWorkDir as string | undefined) ?? parent?.dockerfile?.dockerWorkDir ?? '/',
      dockerfileTarget: (docker.dockerfileTarget as string | undefined) ?? parent?.dockerfile?.dockerfileTarget,
    },
  };
}
