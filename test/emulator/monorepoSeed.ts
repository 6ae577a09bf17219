import type { SeedBranch, SeedBuild, SeedJob, SeedProject, SeedService } from './seed';

/** A project whose services and jobs build from folders of one repository, as in a monorepo. */
export const MONOREPO = {
  projectId: 'shop',
  repositoryUrl: 'https://github.com/example-org/shop',
  apiServiceId: 'api',
  webServiceId: 'web',
  webPreviewsServiceId: 'web-previews',
  /** Builds with buildpacks; CI is off. */
  docsServiceId: 'docs',
  databaseServiceId: 'shop-db',
  migrateJobId: 'migrate',
  /** A cron job from another repository, built with buildpacks. */
  nightlyReportJobId: 'nightly-report',
} as const;

const REPORTS_URL = 'https://github.com/example-org/reports';
const MAIN_SHA = '5d1e7a3c9b2f4e6a8c0d2f4b6e8a0c2e4f6b8d0a';
const LOGIN_SHA = '8e2b4d6f0a1c3e5b7d9f1a3c5e7b9d1f3a5c7e9b';
const BROKEN_WEB_SHA = '2c4e6a8b0d1f3a5c7e9b1d3f5a7c9e1b3d5f7a9c';
const REPORTS_SHA = 'f0e1d2c3b4a5968778695a4b3c2d1e0f1a2b3c4d';

// Every entity built from the repository sees the same branch heads.
const MAIN: SeedBranch = { name: 'main', sha: MAIN_SHA, author: 'octocat', message: 'Checkout: pay with saved cards', date: '2025-05-06T09:00:00.000Z' };
const LOGIN: SeedBranch = { name: 'feature/login', sha: LOGIN_SHA, author: 'hubot', message: 'Log in with a passkey', date: '2025-05-06T15:20:00.000Z' };

/** Fresh objects on each call, so that a test editing one seed leaves the others alone. */
function shop(branches: SeedBranch[] = [MAIN]) {
  return { projectId: MONOREPO.projectId, repositoryUrl: MONOREPO.repositoryUrl, branches: branches.map((branch) => ({ ...branch })) };
}

export function monorepoProject(): SeedProject {
  return { id: MONOREPO.projectId, name: 'Shop', description: 'Services and jobs built from example-org/shop' };
}

export function monorepoServices(): SeedService[] {
  return [
    {
      ...shop(),
      id: MONOREPO.apiServiceId,
      name: 'API',
      serviceType: 'combined',
      linkedBranch: 'main',
      dockerfile: { dockerFilePath: '/services/api/Dockerfile', dockerWorkDir: '/services/api', dockerfileTarget: 'runtime' },
    },
    {
      ...shop(),
      id: MONOREPO.webServiceId,
      name: 'Web',
      serviceType: 'combined',
      linkedBranch: 'main',
      dockerfile: { dockerFilePath: '/services/web/Dockerfile.prod', dockerWorkDir: '/services/web' },
    },
    {
      ...shop([MAIN, LOGIN]),
      id: MONOREPO.webPreviewsServiceId,
      name: 'Web Previews',
      serviceType: 'build',
      dockerfile: { dockerFilePath: '/services/web/Dockerfile.prod', dockerWorkDir: '/services/web' },
      pullRequests: [{ id: 7, title: 'Log in with a passkey', source: LOGIN.name, destination: MAIN.name, sha: LOGIN_SHA }],
    },
    {
      ...shop(),
      id: MONOREPO.docsServiceId,
      name: 'Docs',
      serviceType: 'combined',
      linkedBranch: 'main',
      buildpack: { builder: 'HEROKU_24', buildContext: '/docs' },
      disabledCI: true,
    },
    { projectId: MONOREPO.projectId, id: MONOREPO.databaseServiceId, name: 'Shop DB', serviceType: 'deployment', image: 'library/postgres:16' },
  ];
}

export function monorepoJobs(): SeedJob[] {
  return [
    {
      ...shop(),
      id: MONOREPO.migrateJobId,
      name: 'Migrate',
      jobType: 'manual',
      linkedBranch: 'main',
      dockerfile: { dockerFilePath: '/jobs/migrate/Dockerfile', dockerWorkDir: '/' },
    },
    {
      projectId: MONOREPO.projectId,
      id: MONOREPO.nightlyReportJobId,
      name: 'Nightly Report',
      jobType: 'cron',
      schedule: '0 2 * * *',
      repositoryUrl: REPORTS_URL,
      linkedBranch: 'main',
      branches: [{ name: 'main', sha: REPORTS_SHA, author: 'monalisa', message: 'Report refunds by region', date: '2025-05-04T18:00:00.000Z' }],
      buildpack: { builder: 'HEROKU_24', buildContext: '/' },
    },
  ];
}

export function monorepoBuilds(): SeedBuild[] {
  return [
    {
      id: 'misty-canyon-2718',
      projectId: MONOREPO.projectId,
      serviceId: MONOREPO.webServiceId,
      branch: 'main',
      sha: BROKEN_WEB_SHA,
      status: 'FAILURE',
      createdAt: '2025-05-05T16:00:00.000Z',
      concludedAt: '2025-05-05T16:01:40.000Z',
    },
    {
      id: 'golden-orchard-3141',
      projectId: MONOREPO.projectId,
      serviceId: MONOREPO.apiServiceId,
      branch: 'main',
      sha: MAIN_SHA,
      status: 'SUCCESS',
      createdAt: '2025-05-06T09:02:00.000Z',
      concludedAt: '2025-05-06T09:05:12.000Z',
    },
  ];
}
