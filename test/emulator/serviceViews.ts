import { type BuildWorld, progressOf } from './builds';
import { SEEDED_AT, type SeedBranch, type SeedPullRequest, type SeedService } from './seed';
import { buildSettingsView, dockerfileOf, gitSourceView } from './sourceViews';
import { buildsOf, teamOfProject } from './state';

/** Where a service or job runs; js-client marks it required on GET service and GET job. */
export function clusterView(projectId: string): Record<string, unknown> {
  return { id: 'nf-europe-west', name: 'nf-europe-west', namespace: `ns-${projectId}` };
}

/**
 * The ports a service exposes, required on GET service: a build service deploys nothing and has none,
 * a combined service serves HTTP publicly, a database image listens privately on its TCP port.
 */
function portsView(world: BuildWorld, service: SeedService): Record<string, unknown>[] {
  if (service.serviceType === 'build') return [];
  const database = service.serviceType === 'deployment' && (service.image ?? '').includes('postgres');
  const port = database
    ? { internalPort: 5432, protocol: 'TCP', public: false }
    : { internalPort: service.serviceType === 'deployment' ? 80 : 8080, protocol: 'HTTP', public: true };
  return [
    {
      id: `${service.id}-p01`,
      name: 'p01',
      ...port,
      ...(port.public ? { dns: `p01--${service.id}--${service.projectId}--${teamOfProject(world.state, service.projectId)}.code-run.invalid` } : {}),
      domains: [],
    },
  ];
}

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
    appId: `/${teamOfProject(world.state, service.projectId)}/${service.projectId}/${service.id}`,
    projectId: service.projectId,
    name: service.name,
    tags: [],
    ...(service.description !== undefined ? { description: service.description } : {}),
    serviceType: service.serviceType,
    disabledCI: service.disabledCI ?? false,
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
    ports: portsView(world, service),
    cluster: clusterView(service.projectId),
  };
  if (service.serviceType === 'deployment') {
    details.deployment = {
      region: 'europe-west',
      instances: 1,
      external: { imagePath: service.image ?? 'library/nginx:latest', registryProvider: 'dockerhub', privateImage: false },
    };
    return details;
  }
  details.buildSource = service.buildSource ?? 'git';
  const options = { projectBranch: service.serviceType === 'combined' ? (service.linkedBranch ?? 'main') : undefined, restricted: service.serviceType === 'build' };
  if (details.buildSource === 'bundle') {
    const dockerfile = dockerfileOf(service);
    details.bundleData = { bundleUrl: 'https://example.com/archive.tar', dockerFilePath: dockerfile.dockerFilePath, dockerWorkDir: dockerfile.dockerWorkDir };
    return { ...details, ...buildSettingsView(service, options) };
  }
  return { ...details, ...gitSourceView(service, options) };
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
