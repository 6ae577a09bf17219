import { type BuildWorld, progressOf } from './builds';
import type { SeedBranch, SeedPullRequest, SeedService } from './seed';
import { buildsOf } from './state';

const SEEDED_AT = '2025-04-01T12:00:00.000Z';
const CI_IGNORE_FLAGS = ['[skip ci]', '[ci skip]', '[no ci]', '[skip nf]', '[nf skip]', '[northflank skip]', '[skip northflank]'];

function buildStatus(world: BuildWorld, service: SeedService): Record<string, unknown> {
  const latest = buildsOf(world.state, service.projectId, { kind: 'service', id: service.id })[0];
  if (!latest) return {};
  const progress = progressOf(world, latest);
  return { build: { status: progress.status, lastTransitionTime: new Date(progress.since).toISOString() } };
}

function deploymentStatus(service: SeedService): Record<string, unknown> {
  if (service.serviceType === 'build') return {};
  return { deployment: { status: 'COMPLETED', reason: 'DEPLOYING', lastTransitionTime: SEEDED_AT } };
}

/** A service as GET …/services lists it. */
export function serviceSummary(world: BuildWorld, service: SeedService): Record<string, unknown> {
  return {
    id: service.id,
    appId: `/${world.state.team.id}/${service.projectId}/${service.id}`,
    projectId: service.projectId,
    name: service.name,
    tags: [],
    ...(service.description !== undefined ? { description: service.description } : {}),
    serviceType: service.serviceType,
    disabledCI: false,
    disabledCD: false,
    status: { ...buildStatus(world, service), ...deploymentStatus(service) },
  };
}

/** A service as GET …/services/{serviceId} shows it, with build settings in both the current and the deprecated places. */
export function serviceDetails(world: BuildWorld, service: SeedService): Record<string, unknown> {
  const summary = serviceSummary(world, service);
  const details: Record<string, unknown> = {
    ...summary,
    createdAt: service.createdAt ?? SEEDED_AT,
    billing: { deploymentPlan: 'nf-compute-20' },
    servicePaused: false,
  };
  if (service.serviceType === 'deployment') {
    details.deployment = {
      region: 'europe-west',
      instances: 1,
      external: { imagePath: service.image ?? 'library/nginx:latest', registryProvider: 'dockerhub', privateImage: false },
    };
    return details;
  }
  const dockerfile = service.dockerfile ?? { dockerFilePath: '/Dockerfile', dockerWorkDir: '/' };
  details.buildSource = service.buildSource ?? 'git';
  if (details.buildSource === 'bundle') {
    details.bundleData = { bundleUrl: 'https://example.com/archive.tar', dockerFilePath: dockerfile.dockerFilePath, dockerWorkDir: dockerfile.dockerWorkDir };
  } else {
    details.vcsData = {
      projectUrl: service.repositoryUrl ?? 'https://github.com/example-org/example',
      projectType: service.repositoryUrl?.includes('gitlab') ? 'gitlab' : 'github',
      ...(service.serviceType === 'combined' ? { projectBranch: service.linkedBranch ?? 'main' } : {}),
      publicRepo: false,
      dockerFilePath: dockerfile.dockerFilePath,
      dockerWorkDir: dockerfile.dockerWorkDir,
    };
  }
  if (dockerfile.location !== 'vcsData') {
    details.buildSettings = {
      dockerfile: { buildEngine: 'buildkit', dockerFilePath: dockerfile.dockerFilePath, dockerWorkDir: dockerfile.dockerWorkDir, useCache: true },
    };
  }
  details.buildConfiguration = {
    ...(dockerfile.dockerfileTarget !== undefined ? { dockerfileTarget: dockerfile.dockerfileTarget } : {}),
    ...(service.serviceType === 'build' ? { branchRestrictions: ['*'], prRestrictions: ['*'] } : {}),
    pathIgnoreRules: [],
    isAllowList: false,
    ciIgnoreFlagsEnabled: true,
    ciIgnoreFlags: CI_IGNORE_FLAGS,
    includeGitFolder: false,
    fullGitClone: false,
    enableGitLfs: false,
  };
  details.buildEngineConfiguration = { buildEngine: 'buildkit', buildkit: { useCache: true } };
  return details;
}

export function branchView(branch: SeedBranch): Record<string, unknown> {
  return {
    name: branch.name,
    id: branch.name,
    commit: {
      sha: branch.sha,
      author: { login: branch.author ?? 'octocat' },
      ...(branch.message !== undefined ? { message: branch.message } : {}),
      ...(branch.date !== undefined ? { date: branch.date } : {}),
    },
  };
}

/** Pull requests keep the snake_case timestamps of the real API. */
export function pullRequestView(service: SeedService, pr: SeedPullRequest): Record<string, unknown> {
  return {
    id: pr.id,
    state: pr.state ?? 'OPEN',
    title: pr.title,
    source: pr.source,
    destination: pr.destination,
    sha: pr.sha,
    created_at: pr.createdAt ?? SEEDED_AT,
    updated_at: pr.updatedAt ?? pr.createdAt ?? SEEDED_AT,
    html_url: `${service.repositoryUrl ?? 'https://github.com/example-org/example'}/pull/${pr.id}`,
  };
}
