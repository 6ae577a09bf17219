import { buildableKey, isJob } from '../northflank/buildableRef';
import type { PushedCommit } from '../git/pushedHead';
import type { Build, BuildableKind, BuildableRef, ServiceSummary } from '../northflank/types';

export type { PushedCommit };

/** What is known of a linked service or job, to tell whether its CI builds a push. */
export interface PushTarget {
  ref: BuildableRef;
  kind?: BuildableKind;
  ciOn?: boolean;
  /** The branch a combined service or a job builds (`repository.branch` in its details), when read. */
  branch?: string;
}

export interface PushSearchTiming {
  /** Waits before each round, from the push: CI needs a moment to receive the push and start a build. */
  delaysMs: number[];
  /** Requests the whole search may send; when nothing appears it stops at this many. */
  maxRequests: number;
  /** Jobs have no build status in their list, so each costs a request: they are asked every Nth round. */
  jobEvery: number;
  /** A service whose `status.build` moved this long before the push, or later, may hold the push's build: server and local clocks differ. */
  clockSlackMs: number;
}

export const DEFAULT_PUSH_SEARCH_TIMING: PushSearchTiming = {
  delaysMs: [3_000, 6_000, 12_000, 24_000],
  maxRequests: 6,
  jobEvery: 2,
  clockSlackMs: 60_000,
};

/**
 * The links whose CI would build the push: CI on, and a branch rule that takes the pushed branch. A
 * combined service or a job builds its linked branch only; a build service builds any branch its
 * restrictions allow, which the details we keep do not hold, so any branch is searched and a miss ends
 * with the quiet note. A link whose branch was never read is searched: the search is bounded.
 */
export function pushCandidates(targets: PushTarget[], push: PushedCommit): BuildableRef[] {
  return targets
    .filter((target) => target.ciOn === true)
    .filter((target) => target.kind === 'build' || target.branch === undefined || target.branch === push.branch)
    .map((target) => target.ref);
}

/** A build of the pushed commit; a short sha in an answer still names it. */
export function isBuildOf(build: Build, push: PushedCommit): boolean {
  return build.sha !== undefined && build.sha.length >= 7 && push.sha.startsWith(build.sha);
}

/** What a round asks: each project's service list, then the builds of the services that moved and of the jobs. */
export interface SearchRound {
  projects: string[];
  jobs: BuildableRef[];
}

/**
 * One search for the build of a pushed commit on some links: when to ask, what to ask, when a link's
 * build is found, and when to give up. It keeps no timer and sends nothing: the NewBuildPoller runs it
 * with its own pacing, so a search and the usual polling share one rate-limit budget.
 */
export class PushSearch {
  private readonly pending = new Map<string, BuildableRef>();
  readonly found: Array<{ ref: BuildableRef; build: Build }> = [];
  private round = 0;
  requests = 0;

  constructor(
    readonly push: PushedCommit,
    refs: BuildableRef[],
    /** When the push was seen, on the searcher's clock. */
    readonly startedAt: number,
    readonly timing: PushSearchTiming = DEFAULT_PUSH_SEARCH_TIMING,
  ) {
    for (const ref of refs) this.pending.set(buildableKey(ref), ref);
  }

  /** The links whose build has not appeared yet. */
  get missing(): BuildableRef[] {
    return [...this.pending.values()];
  }

  get done(): boolean {
    return this.pending.size === 0 || this.round >= this.timing.delaysMs.length || this.requests >= this.timing.maxRequests;
  }

  /** How long to wait before the next round, or undefined when the search is over. */
  nextDelayMs(): number | undefined {
    return this.done ? undefined : this.timing.delaysMs[this.round];
  }

  /** Starts the next round and says what it asks first. */
  beginRound(): SearchRound {
    const round = this.round++;
    const services = this.missing.filter((ref) => !isJob(ref));
    const jobs = round % this.timing.jobEvery === 0 ? this.missing.filter(isJob) : [];
    return { projects: [...new Set(services.map((ref) => ref.projectId))], jobs };
  }

  /** Whether another request fits in the search's budget; counts it when it does. */
  spend(): boolean {
    if (this.requests >= this.timing.maxRequests) return false;
    this.requests++;
    return true;
  }

  /** The missing services of a project whose latest build moved since (about) the push: only their builds are worth reading. */
  moved(projectId: string, services: ServiceSummary[]): BuildableRef[] {
    return this.missing.filter((ref) => {
      if (isJob(ref) || ref.projectId !== projectId) return false;
      const build = services.find((service) => service.id === ref.serviceId)?.status?.build;
      if (!build) return false;
      const at = Date.parse(build.lastTransitionTime ?? '');
      return Number.isNaN(at) || at >= this.startedAt - this.timing.clockSlackMs;
    });
  }

  /** Takes a link's newest builds; true when the push's build is among them. */
  observe(ref: BuildableRef, builds: Build[]): boolean {
    const key = buildableKey(ref);
    if (!this.pending.has(key)) return false;
    const build = builds.find((candidate) => isBuildOf(candidate, this.push));
    if (!build) return false;
    this.pending.delete(key);
    this.found.push({ ref, build });
    return true;
  }
}
