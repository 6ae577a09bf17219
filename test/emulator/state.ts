import { buildRecipe } from './recipe';
import type { Seed, SeedBuildable, SeedBuildpack, SeedJob, SeedProject, SeedService, SeedToken } from './seed';
import type { BuildStatus } from './timeline';

/** What a build belongs to: services and jobs both have builds, and their ids may coincide. */
export interface BuildParent {
  kind: 'service' | 'job';
  id: string;
}

export interface BuildRecord {
  /** Creation order; lists show the highest first. */
  seq: number;
  id: string;
  projectId: string;
  parent: BuildParent;
  branch?: string;
  pullRequestId?: number;
  sha: string;
  bundleUrl?: string;
  /** The start-build body as received, for tests to inspect. */
  body: unknown;
  /** Exactly one of dockerfile and buildpack: what the build ran, overrides applied. */
  dockerfile?: { dockerFilePath: string; dockerWorkDir: string; dockerfileTarget?: string };
  buildpack?: SeedBuildpack;
  /** Emulator clock, ms. */
  createdAt: number;
  abortedAt?: number;
  /**
   * A status that no longer follows the clock: seeded builds hold theirs, and a running build's is fixed
   * once it concludes, so later failSha calls cannot rewrite history.
   */
  fixed?: { status: BuildStatus; concludedAt?: number };
}

export interface EmulatorState {
  /** The default team: tokens and projects that name none belong to it. */
  team: Seed['team'];
  tokens: SeedToken[];
  projects: SeedProject[];
  services: SeedService[];
  jobs: SeedJob[];
  builds: BuildRecord[];
  failingShas: Set<string>;
}

export function createState(seed: Seed): EmulatorState {
  const state: EmulatorState = {
    team: { ...seed.team },
    tokens: seed.tokens.map((token) => ({ ...token, permissions: [...token.permissions] })),
    projects: seed.projects.map((project) => ({ ...project })),
    services: structuredClone(seed.services),
    jobs: structuredClone(seed.jobs ?? []),
    builds: [],
    failingShas: new Set(seed.failingShas ?? []),
  };
  for (const seeded of seed.builds ?? []) {
    const parent: BuildParent = seeded.jobId !== undefined ? { kind: 'job', id: seeded.jobId } : { kind: 'service', id: seeded.serviceId };
    state.builds.push({
      seq: state.builds.length + 1,
      id: seeded.id,
      projectId: seeded.projectId,
      parent,
      branch: seeded.branch,
      pullRequestId: seeded.pullRequestId,
      sha: seeded.sha,
      body: undefined,
      ...buildRecipe(findParent(state, seeded.projectId, parent)),
      createdAt: Date.parse(seeded.createdAt),
      fixed: { status: seeded.status, concludedAt: seeded.concludedAt === undefined ? undefined : Date.parse(seeded.concludedAt) },
    });
  }
  return state;
}

/** The team a token or project belongs to. */
export function teamOf(state: EmulatorState, member: { teamId?: string }): string {
  return member.teamId ?? state.team.id;
}

/** The team of the project with this id (project ids are unique across the emulator's teams). */
export function teamOfProject(state: EmulatorState, projectId: string): string {
  return teamOf(state, state.projects.find((project) => project.id === projectId) ?? {});
}

/** The projects a token sees: its own team's only, as the real API does not reveal other teams' projects. */
export function projectsOf(state: EmulatorState, token: SeedToken): SeedProject[] {
  const team = teamOf(state, token);
  return state.projects.filter((project) => teamOf(state, project) === team);
}

/** A project of the token's team; another team's project is as unknown as a missing one. */
export function findProject(state: EmulatorState, token: SeedToken, projectId: string): SeedProject | undefined {
  return projectsOf(state, token).find((project) => project.id === projectId);
}

export function findService(state: EmulatorState, projectId: string, serviceId: string): SeedService | undefined {
  return state.services.find((service) => service.projectId === projectId && service.id === serviceId);
}

export function findJob(state: EmulatorState, projectId: string, jobId: string): SeedJob | undefined {
  return state.jobs.find((job) => job.projectId === projectId && job.id === jobId);
}

export function findParent(state: EmulatorState, projectId: string, parent: BuildParent): SeedBuildable | undefined {
  return parent.kind === 'service' ? findService(state, projectId, parent.id) : findJob(state, projectId, parent.id);
}

export function findBuild(state: EmulatorState, projectId: string, parent: BuildParent, buildId: string): BuildRecord | undefined {
  return buildsOf(state, projectId, parent).find((build) => build.id === buildId);
}

export function buildsOf(state: EmulatorState, projectId: string, parent: BuildParent): BuildRecord[] {
  return state.builds
    .filter((build) => build.projectId === projectId && build.parent.kind === parent.kind && build.parent.id === parent.id)
    .sort((a, b) => b.seq - a.seq);
}
