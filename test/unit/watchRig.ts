import { NorthflankClient } from '../../src/northflank/client';
import type { NorthflankError } from '../../src/northflank/errors';
import { openBuildLogTail } from '../../src/northflank/logTail';
import type { Build, ServiceRef } from '../../src/northflank/types';
import { BuildWatcher } from '../../src/watch/buildWatcher';
import type { WatchTiming } from '../../src/watch/watchTiming';
import { nextTurns, SimulatedClock } from '../bench/simulatedClock';
import { type BuildPace, type Emulator, type RecordedRequest, SEED, type SparseBuilds, startEmulator, TOKENS } from '../emulator';

/** A build that stays QUEUED for an hour: nothing changes while a test watches it. */
export const QUEUED_FOR_AN_HOUR: BuildPace = { queuedMs: 3_600_000, startingMs: 1_000, cloningMs: 1_000, buildingMs: 1_000, uploadingMs: 1_000 };

/** Every status lasts 20 s, BUILDING 60 s: two minutes and twenty seconds in all. */
export const TWO_MINUTE_PACE: BuildPace = { queuedMs: 20_000, startingMs: 20_000, cloningMs: 20_000, buildingMs: 60_000, uploadingMs: 20_000 };

export const REF: ServiceRef = { projectId: SEED.projectId, serviceId: SEED.combinedServiceId };

export interface RigOptions {
  pace: BuildPace;
  /** Follow builds over the live log tail; 'badToken' opens it with a token the emulator rejects. */
  tail?: boolean | 'badToken';
  rateLimit?: { limit: number; windowSeconds: number };
  timing?: Partial<WatchTiming>;
  /** Build answers without the fields js-client types as optional (see the emulator's `sparse`). */
  sparse?: SparseBuilds;
}

/** The real emulator and the real client on one simulated clock, with everything the watcher reports. */
export class WatchRig {
  readonly changes: { status: string; at: number }[] = [];
  readonly conclusions: Build[] = [];
  readonly errors: NorthflankError[] = [];

  private constructor(
    readonly clock: SimulatedClock,
    readonly emulator: Emulator,
    readonly client: NorthflankClient,
    readonly watcher: BuildWatcher,
  ) {
    watcher.onDidChange((build) => this.changes.push({ status: build.status ?? '', at: clock.now() }));
    watcher.onDidConclude((build) => this.conclusions.push(build));
    watcher.onError((_ref, _buildId, error) => this.errors.push(error));
  }

  static async start(options: RigOptions): Promise<WatchRig> {
    const clock = new SimulatedClock();
    const emulator = await startEmulator({ clock, pace: options.pace, rateLimit: options.rateLimit, sparse: options.sparse });
    // The watcher does its own backing off; client retries would sleep in real time.
    const client = new NorthflankClient({ baseUrl: emulator.url, token: TOKENS.full, retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 } });
    const tailToken = options.tail === 'badToken' ? 'not-a-valid-token' : TOKENS.full;
    const watcher = new BuildWatcher({
      client,
      clock,
      timing: options.timing,
      openTail: options.tail
        ? (ref, buildId, handlers) => openBuildLogTail({ baseUrl: emulator.url, token: tailToken }, ref, { buildId }, handlers)
        : undefined,
    });
    return new WatchRig(clock, emulator, client, watcher);
  }

  /** Starts a build on the emulator without counting it as the watcher's request. */
  async startBuild(): Promise<Build> {
    return this.client.startBuild(REF, {});
  }

  /** Lets simulated time pass; real requests finish before the clock moves on. */
  advance(ms: number): Promise<void> {
    return advanceSettled(this.clock, () => this.watcher.settled(), ms);
  }

  async settle(): Promise<void> {
    await settledTurns(() => this.watcher.settled());
  }

  /** Status requests for one build, as the emulator received them. */
  polls(buildId: string): RecordedRequest[] {
    return this.emulator.requests.filter((request) => request.method === 'GET' && request.path.endsWith(`/build/${buildId}`));
  }

  tails(): RecordedRequest[] {
    return this.emulator.requests.filter((request) => request.path.endsWith('/build-logs') && request.query.queryType === 'tail');
  }

  /** When the emulator's build entered each status, for measuring how late the watcher saw it. */
  transitions(buildId: string, pace: BuildPace): { status: string; at: number }[] {
    const record = this.emulator.state.builds.find((build) => build.id === buildId);
    if (!record) throw new Error(`No build ${buildId}`);
    const statuses = ['STARTING', 'CLONING', 'BUILDING', 'UPLOADING', 'SUCCESS'];
    const durations = [pace.queuedMs, pace.startingMs, pace.cloningMs, pace.buildingMs, pace.uploadingMs];
    let at = record.createdAt;
    return statuses.map((status, index) => ({ status, at: (at += durations[index]) }));
  }

  async stop(): Promise<void> {
    this.watcher.dispose();
    await this.emulator.stop();
  }
}

/** Lets simulated time pass in 1 s steps; what `settled` waits for (real requests) finishes before each step. */
export function advanceSettled(clock: SimulatedClock, settled: () => Promise<unknown>, ms: number): Promise<void> {
  return clock.advanceBy(ms, { stepMs: 1_000, settle: () => settledTurns(settled) });
}

async function settledTurns(settled: () => Promise<unknown>): Promise<void> {
  await nextTurns();
  await settled();
  await nextTurns();
}

export function gaps(requests: RecordedRequest[]): number[] {
  return requests.slice(1).map((request, index) => request.at - requests[index].at);
}
