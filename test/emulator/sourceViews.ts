import type { SeedBuildable } from './seed';

const CI_IGNORE_FLAGS = ['[skip ci]', '[ci skip]', '[no ci]', '[skip nf]', '[nf skip]', '[northflank skip]', '[skip northflank]'];

export interface SourceViewOptions {
  /** vcsData.projectBranch: a combined service's or a job's branch; a build service has none. */
  projectBranch?: string;
  /** A build service builds the branches and pull requests its restrictions allow. */
  restricted?: boolean;
}

/**
 * How a service or job builds from git, as its GET answer shows it: the repository, and the Dockerfile
 * settings in both the current (buildSettings) and the deprecated (vcsData) places. Clients that read
 * only vcsData see a Dockerfile even for a buildpack build, as with the real API.
 */
export function gitSourceView(parent: SeedBuildable, options: SourceViewOptions): Record<string, unknown> {
  const dockerfile = dockerfileOf(parent);
  return {
    vcsData: {
      projectUrl: parent.repositoryUrl ?? 'https://github.com/example-org/example',
      projectType: parent.repositoryUrl?.includes('gitlab') ? 'gitlab' : 'github',
      ...(options.projectBranch !== undefined ? { projectBranch: options.projectBranch } : {}),
      publicRepo: false,
      dockerFilePath: dockerfile.dockerFilePath,
      dockerWorkDir: dockerfile.dockerWorkDir,
    },
    ...buildSettingsView(parent, options),
  };
}

/** Everything about the build but the source: engine, settings and ignore rules. */
export function buildSettingsView(parent: SeedBuildable, options: SourceViewOptions): Record<string, unknown> {
  const dockerfile = dockerfileOf(parent);
  return {
    ...engineView(parent),
    buildConfiguration: {
      ...(dockerfile.dockerfileTarget !== undefined ? { dockerfileTarget: dockerfile.dockerfileTarget } : {}),
      ...(options.restricted ? { branchRestrictions: ['*'], prRestrictions: ['*'] } : {}),
      pathIgnoreRules: [],
      isAllowList: false,
      ciIgnoreFlagsEnabled: true,
      ciIgnoreFlags: CI_IGNORE_FLAGS,
      includeGitFolder: false,
      fullGitClone: false,
      enableGitLfs: false,
    },
  };
}

/** A buildpack build shows no Dockerfile settings but in vcsData, where the API keeps its defaults. */
function engineView(parent: SeedBuildable): Record<string, unknown> {
  if (parent.buildpack) {
    const { builder, buildContext } = parent.buildpack;
    return {
      buildSettings: { buildpack: { builder, buildpackLocators: [], buildContext, useCache: true } },
      buildEngineConfiguration: { buildEngine: 'buildpack', buildpack: { builder, buildpackLocators: [], useCache: true } },
    };
  }
  const dockerfile = dockerfileOf(parent);
  return {
    ...(dockerfile.location !== 'vcsData'
      ? { buildSettings: { dockerfile: { buildEngine: 'buildkit', dockerFilePath: dockerfile.dockerFilePath, dockerWorkDir: dockerfile.dockerWorkDir, useCache: true } } }
      : {}),
    buildEngineConfiguration: { buildEngine: 'buildkit', buildkit: { useCache: true } },
  };
}

/** The Dockerfile settings, or the API's defaults when there are none, as for a buildpack build. */
export function dockerfileOf(parent: SeedBuildable): NonNullable<SeedBuildable['dockerfile']> {
  return (!parent.buildpack && parent.dockerfile) || { dockerFilePath: '/Dockerfile', dockerWorkDir: '/' };
}
