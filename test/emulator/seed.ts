import { monorepoBuilds, monorepoJobs, monorepoProject, monorepoServices } from './monorepoSeed';
import { PERMISSIONS, ALL_PERMISSIONS } from './permissions';
import { secondTeamProjects, secondTeamServices, secondTeamTokens } from './secondTeamSeed';
import type { BuildStatus } from './timeline';

/** When seeded entities were created, unless they say. */
export const SEEDED_AT = '2025-04-01T12:00:00.000Z';

export const TOKENS = { full: 'nf-emulator-full-token', noDeploy: 'nf-emulator-no-deploy-token' } as const;

export const SEED = {
  projectId: 'default-project',
  combinedServiceId: 'web-combined',
  buildServiceId: 'api-builder',
  deploymentServiceId: 'db-deploy',
  secondProjectId: 'second-project',
} as const;

export interface SeedToken {
  token: string;
  /** The team the token belongs to and sees. Default: the seed's `team`. */
  teamId?: string;
  name: string;
  role: string;
  permissions: string[];
}

export interface SeedProject {
  id: string;
  /** The team that owns the project. Default: the seed's `team`. Project ids stay unique across teams. */
  teamId?: string;
  name: string;
  description?: string;
}

export interface SeedBranch {
  name: string;
  sha: string;
  author?: string;
  message?: string;
  date?: string;
}

export interface SeedPullRequest {
  id: number;
  title: string;
  source: string;
  destination: string;
  sha: string;
  state?: string;
  createdAt?: string;
  updatedAt?: string;
}

export interface SeedDockerfile {
  dockerFilePath: string;
  dockerWorkDir: string;
  dockerfileTarget?: string;
  /** 'vcsData' reproduces older API answers that carry the settings only in the deprecated vcsData fields. */
  location?: 'buildSettings' | 'vcsData';
}

/** Builds with Cloud Native Buildpacks instead of a Dockerfile. */
export interface SeedBuildpack {
  /** One of js-client's builder names, such as HEROKU_24. */
  builder: string;
  /** The directory to build in, like a Dockerfile's work dir. */
  buildContext: string;
}

/** What services and jobs that build from git have in common. */
export interface SeedBuildable {
  projectId: string;
  id: string;
  name: string;
  description?: string;
  repositoryUrl?: string;
  /** The branch a combined service tracks, or a job builds. Default main. */
  linkedBranch?: string;
  /** Ignored when buildpack is set. */
  dockerfile?: SeedDockerfile;
  buildpack?: SeedBuildpack;
  branches?: SeedBranch[];
  /** Default false. */
  disabledCI?: boolean;
  createdAt?: string;
}

export interface SeedService extends SeedBuildable {
  serviceType: 'combined' | 'build' | 'deployment';
  buildSource?: 'git' | 'bundle';
  pullRequests?: SeedPullRequest[];
  /** For a deployment service: the external image it runs. */
  image?: string;
}

export interface SeedJob extends SeedBuildable {
  jobType: 'manual' | 'cron';
  /** For a cron job. Default '0 3 * * *'. */
  schedule?: string;
}

/** A build from before the emulator started; it keeps its status, which may be any of the 13 documented ones. */
export type SeedBuild = SeedBuildFields & ({ serviceId: string; jobId?: never } | { jobId: string; serviceId?: never });

interface SeedBuildFields {
  id: string;
  projectId: string;
  branch?: string;
  pullRequestId?: number;
  sha: string;
  status: BuildStatus;
  createdAt: string;
  /** For a concluded status; defaults to createdAt. */
  concludedAt?: string;
}

export interface Seed {
  /** The default team; tokens and projects with a `teamId` may belong to others. */
  team: { id: string; name: string };
  tokens: SeedToken[];
  projects: SeedProject[];
  services: SeedService[];
  jobs?: SeedJob[];
  builds?: SeedBuild[];
  /** Builds of these commits end in FAILURE. */
  failingShas?: string[];
}

const WEB_MAIN_SHA = '4f2c8e1a9b7d6c5e3f1a2b4c6d8e0f1a3b5c7d9e';
const API_MAIN_SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const API_LOGIN_SHA = 'b7e3c1d9f2a84e6b0c5d7f9a1e3b5c7d9f2a4e6b';
const API_TYPO_SHA = 'c0ffee0123456789abcdef0123456789abcdef01';

export function defaultSeed(): Seed {
  return {
    team: { id: 'emulator-team', name: 'Emulator Team' },
    tokens: [
      { token: TOKENS.full, name: 'Emulator full access', role: 'Admin', permissions: [...ALL_PERMISSIONS] },
      {
        token: TOKENS.noDeploy,
        name: 'Emulator without Deploy Build',
        role: 'Viewer',
        permissions: ALL_PERMISSIONS.filter((permission) => permission !== PERMISSIONS.deployBuild && permission !== PERMISSIONS.deployJobBuild),
      },
      ...secondTeamTokens(),
    ],
    projects: [
      { id: SEED.projectId, name: 'Default Project', description: 'Web front end and its API' },
      { id: SEED.secondProjectId, name: 'Second Project' },
      monorepoProject(),
      ...secondTeamProjects(),
    ],
    services: [
      {
        projectId: SEED.projectId,
        id: SEED.combinedServiceId,
        name: 'Web Combined',
        description: 'Builds and deploys the main branch',
        serviceType: 'combined',
        buildSource: 'git',
        repositoryUrl: 'https://github.com/example-org/web',
        linkedBranch: 'main',
        dockerfile: { dockerFilePath: '/Dockerfile', dockerWorkDir: '/' },
        branches: [
          { name: 'main', sha: WEB_MAIN_SHA, author: 'octocat', message: 'Render the build list', date: '2025-05-02T09:30:00.000Z' },
          { name: 'develop', sha: '9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d', author: 'octocat', message: 'WIP', date: '2025-05-03T14:00:00.000Z' },
        ],
      },
      {
        projectId: SEED.projectId,
        id: SEED.buildServiceId,
        name: 'API Builder',
        serviceType: 'build',
        buildSource: 'git',
        repositoryUrl: 'https://github.com/example-org/api',
        dockerfile: { dockerFilePath: '/docker/api.Dockerfile', dockerWorkDir: '/', dockerfileTarget: 'runtime' },
        branches: [
          { name: 'main', sha: API_MAIN_SHA, author: 'octocat', message: 'Release 1.4', date: '2025-05-01T08:00:00.000Z' },
          { name: 'feature/login', sha: API_LOGIN_SHA, author: 'hubot', message: 'Add login', date: '2025-05-02T11:15:00.000Z' },
          { name: 'fix-typo', sha: API_TYPO_SHA, author: 'monalisa', message: 'Fix typo', date: '2025-05-02T16:45:00.000Z' },
        ],
        pullRequests: [
          { id: 12, title: 'Add login', source: 'feature/login', destination: 'main', sha: API_LOGIN_SHA },
          { id: 15, title: 'Fix typo in README', source: 'fix-typo', destination: 'main', sha: API_TYPO_SHA },
        ],
      },
      { projectId: SEED.projectId, id: SEED.deploymentServiceId, name: 'Database', serviceType: 'deployment', image: 'library/postgres:16' },
      {
        projectId: SEED.secondProjectId,
        id: 'worker',
        name: 'Worker',
        serviceType: 'combined',
        buildSource: 'git',
        repositoryUrl: 'https://gitlab.com/example-org/worker',
        linkedBranch: 'master',
        dockerfile: { dockerFilePath: '/worker/Dockerfile', dockerWorkDir: '/worker', location: 'vcsData' },
      },
      ...monorepoServices(),
      ...secondTeamServices(),
    ],
    jobs: monorepoJobs(),
    builds: [
      {
        id: 'steady-river-1021',
        projectId: SEED.projectId,
        serviceId: SEED.combinedServiceId,
        branch: 'main',
        sha: '1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e',
        status: 'FAILURE',
        createdAt: '2025-05-01T10:00:00.000Z',
        concludedAt: '2025-05-01T10:02:10.000Z',
      },
      {
        id: 'quiet-meadow-4410',
        projectId: SEED.projectId,
        serviceId: SEED.combinedServiceId,
        branch: 'main',
        sha: WEB_MAIN_SHA,
        status: 'SUCCESS',
        createdAt: '2025-05-02T09:31:00.000Z',
        concludedAt: '2025-05-02T09:33:05.000Z',
      },
      {
        id: 'brave-lantern-7302',
        projectId: SEED.projectId,
        serviceId: SEED.buildServiceId,
        branch: 'main',
        sha: API_MAIN_SHA,
        status: 'SUCCESS',
        createdAt: '2025-05-01T08:01:00.000Z',
        concludedAt: '2025-05-01T08:03:30.000Z',
      },
      ...monorepoBuilds(),
    ],
    failingShas: [],
  };
}
