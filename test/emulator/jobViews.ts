import type { BuildWorld } from './builds';
import { SEEDED_AT, type SeedJob } from './seed';
import { clusterView } from './serviceViews';
import { gitSourceView } from './sourceViews';
import { teamOfProject } from './state';

const DEFAULT_SCHEDULE = '0 3 * * *';

/** A job as GET …/jobs lists it: unlike a service, with no status. */
export function jobSummary(world: BuildWorld, job: SeedJob): Record<string, unknown> {
  return {
    id: job.id,
    projectId: job.projectId,
    appId: `/${teamOfProject(world.state, job.projectId)}/${job.projectId}/${job.id}`,
    name: job.name,
    tags: [],
    ...(job.description !== undefined ? { description: job.description } : {}),
    jobType: job.jobType,
    disabledCI: job.disabledCI ?? false,
    disabledCD: false,
    ...(job.jobType === 'cron' ? { suspended: false } : {}),
  };
}

/** A job as GET …/jobs/{jobId} shows it. */
export function jobDetails(world: BuildWorld, job: SeedJob): Record<string, unknown> {
  return {
    ...jobSummary(world, job),
    createdAt: job.createdAt ?? SEEDED_AT,
    ...gitSourceView(job, { projectBranch: job.linkedBranch ?? 'main' }),
    deployment: { region: 'europe-west' },
    billing: { deploymentPlan: 'nf-compute-20' },
    settings: {
      ...(job.jobType === 'cron' ? { cron: { schedule: job.schedule ?? DEFAULT_SCHEDULE, concurrencyPolicy: 'Forbid' } } : {}),
      backoffLimit: 0,
      activeDeadlineSeconds: 600,
    },
    cluster: clusterView(job.projectId),
  };
}
