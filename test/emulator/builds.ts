import { createHash, randomInt } from 'node:crypto';
import type { SeedBuildable } from './seed';
import { type BuildRecord, type EmulatorState, teamOfProject } from './state';
import { type BuildPace, type BuildProgress, CONCLUDED_STATUSES, progressAt, STATUS_MESSAGES } from './timeline';

export interface Clock {
  now(): number;
}

/**
 * The fields js-client 0.9.5 types as optional on a build (GetServiceBuildResult, GetJobBuildResult;
 * the start answers have a subset): all but `id`. A test checks this list against the types.
 */
export const OPTIONAL_BUILD_FIELDS = ['branch', 'pullRequestId', 'status', 'sha', 'registry', 'concluded', 'createdAt', 'success', 'message', 'buildConcludedAt'] as const;

export type OptionalBuildField = (typeof OPTIONAL_BUILD_FIELDS)[number];

/**
 * Build answers as lean as the official types allow, for testing clients against them: `true` leaves
 * out every optional field, `{ keep }` all but those kept (such as a status without `concluded`).
 */
export type SparseBuilds = boolean | { keep: OptionalBuildField[] };

/** What a build's status depends on: builds carry no timers, their status is read off the clock. */
export interface BuildWorld {
  state: EmulatorState;
  clock: Clock;
  pace: BuildPace;
  /** How build answers are trimmed; default false, every field. */
  sparse?: SparseBuilds;
}

const ADJECTIVES = ['joyous', 'brave', 'quiet', 'steady', 'bright', 'gentle', 'lively', 'silver', 'swift', 'calm', 'golden', 'misty'];
const NOUNS = ['view', 'river', 'meadow', 'lantern', 'harbor', 'forest', 'summit', 'breeze', 'canyon', 'orchard', 'valley', 'comet'];

export function newBuildId(state: EmulatorState): string {
  for (;;) {
    const id = `${pick(ADJECTIVES)}-${pick(NOUNS)}-${randomInt(1000, 10000)}`;
    if (!state.builds.some((build) => build.id === id)) return id;
  }
}

function pick(words: string[]): string {
  return words[randomInt(words.length)];
}

/** The head commit of a branch: the seeded one when known, otherwise a stable made-up sha. */
export function branchHeadSha(parent: SeedBuildable, branch: string): string {
  const seeded = parent.branches?.find((candidate) => candidate.name === branch);
  if (seeded) return seeded.sha;
  return createHash('sha1').update(`${parent.projectId}/${parent.id}@${branch}`).digest('hex');
}

export function progressOf(world: BuildWorld, build: BuildRecord): BuildProgress {
  if (build.fixed) {
    const { status } = build.fixed;
    const concludedAt = build.fixed.concludedAt ?? build.createdAt;
    const concluded = CONCLUDED_STATUSES.has(status);
    return { status, concluded, since: concluded ? concludedAt : build.createdAt, ...(concluded ? { concludedAt } : {}) };
  }
  const fails = world.state.failingShas.has(build.sha);
  const progress = progressAt(world.clock.now(), build.createdAt, world.pace, fails, build.abortedAt);
  if (progress.concluded) build.fixed = { status: progress.status, concludedAt: progress.concludedAt };
  return progress;
}

export function registryUri(world: BuildWorld, build: BuildRecord): string {
  return `registry.emulator.invalid/${teamOfProject(world.state, build.projectId)}/${build.projectId}/${build.parent.id}:${build.id}`;
}

/** A build answer without the optional fields the world's `sparse` setting leaves out. */
function trimmed(world: BuildWorld, view: Record<string, unknown>): Record<string, unknown> {
  const sparse = world.sparse ?? false;
  if (sparse === false) return view;
  const kept = new Set<string>(sparse === true ? [] : sparse.keep);
  const dropped = new Set<string>(OPTIONAL_BUILD_FIELDS.filter((field) => !kept.has(field)));
  return Object.fromEntries(Object.entries(view).filter(([field]) => !dropped.has(field)));
}

/** A build as GET …/build/{buildId} and the build list show it. */
export function buildView(world: BuildWorld, build: BuildRecord): Record<string, unknown> {
  const progress = progressOf(world, build);
  return trimmed(world, {
    id: build.id,
    ...(build.branch !== undefined ? { branch: build.branch } : {}),
    pullRequestId: build.pullRequestId ?? null,
    sha: build.sha,
    status: progress.status,
    concluded: progress.concluded,
    success: progress.status === 'SUCCESS',
    message: STATUS_MESSAGES[progress.status],
    createdAt: new Date(build.createdAt).toISOString(),
    ...(progress.concludedAt !== undefined ? { buildConcludedAt: Math.floor(progress.concludedAt / 1000) } : {}),
    registry: { uri: registryUri(world, build) },
  });
}

/** The start-build answer: the documented example shows a fresh build as PENDING. */
export function startedBuildView(world: BuildWorld, build: BuildRecord): Record<string, unknown> {
  return trimmed(world, {
    id: build.id,
    ...(build.branch !== undefined ? { branch: build.branch } : {}),
    pullRequestId: build.pullRequestId ?? null,
    sha: build.sha,
    registry: { uri: registryUri(world, build) },
    createdAt: new Date(build.createdAt).toISOString(),
    status: 'PENDING',
    concluded: false,
  });
}

export type BuildFields = Omit<BuildRecord, 'seq' | 'id' | 'createdAt' | 'abortedAt' | 'fixed'>;

export function createBuild(world: BuildWorld, fields: BuildFields): BuildRecord {
  const build: BuildRecord = {
    ...fields,
    seq: world.state.builds.reduce((max, existing) => Math.max(max, existing.seq), 0) + 1,
    id: newBuildId(world.state),
    createdAt: world.clock.now(),
  };
  world.state.builds.push(build);
  return build;
}

/** Aborts a running build; answers the status it already ended with when it had concluded. */
export function abortBuild(world: BuildWorld, build: BuildRecord): { aborted: true } | { aborted: false; status: string } {
  const progress = progressOf(world, build);
  if (progress.concluded) return { aborted: false, status: progress.status };
  build.abortedAt = world.clock.now();
  if (build.fixed) build.fixed = { status: 'ABORTED', concludedAt: build.abortedAt };
  progressOf(world, build);
  return { aborted: true };
}
