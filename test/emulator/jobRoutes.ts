import { jobDetails, jobSummary } from './jobViews';
import { paginate } from './pagination';
import { PERMISSIONS } from './permissions';
import type { Route } from './router';
import type { SeedJob } from './seed';

const READ_JOBS = { name: PERMISSIONS.readJobs, action: 'read jobs' };

/** Listing and reading jobs; their builds and build logs come from buildRoutes and logRoutes. */
export const jobRoutes: Route[] = [
  {
    method: 'GET',
    path: '/projects/:projectId/jobs',
    permission: READ_JOBS,
    handle: ({ world, params, query }) => {
      const page = paginate(
        world.state.jobs.filter((job) => job.projectId === params.projectId),
        query,
      );
      return { data: { jobs: page.items.map((job) => jobSummary(world, job)) }, pagination: page.pagination };
    },
  },
  {
    method: 'GET',
    path: '/projects/:projectId/jobs/:jobId',
    permission: READ_JOBS,
    handle: ({ world, job }) => ({ data: jobDetails(world, job as SeedJob) }),
  },
];
