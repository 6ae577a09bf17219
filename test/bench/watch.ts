/**
 * How much the build watcher costs and how fast it notices: one 5-minute build watched from start
 * to conclusion against the emulator on a simulated clock, then 10 idle minutes.
 * Prints {"watch_requests_5min", "watch_max_lag_s", "idle_requests_10min"} as JSON.
 * Run: npm run compile-tests && node out/test/bench/watch.js [--verbose] [--no-tail (polling alone, for comparison)]
 */
import { NorthflankClient } from '../../src/northflank/client';
import { openBuildLogTail } from '../../src/northflank/logTail';
import type { ServiceRef } from '../../src/northflank/types';
import { BuildWatcher } from '../../src/watch/buildWatcher';
import { type BuildPace, SEED, startEmulator, TOKENS } from '../emulator';
import { phasesOf } from '../emulator/timeline';
import { printFigures } from './samples';
import { nextTurns, SimulatedClock } from './simulatedClock';

export const FIVE_MINUTE_PACE: BuildPace = { queuedMs: 15_000, startingMs: 25_000, cloningMs: 30_000, buildingMs: 200_000, uploadingMs: 30_000 };

const ORDER = ['PENDING', 'QUEUED', 'STARTING', 'CLONING', 'BUILDING', 'UPLOADING', 'SUCCESS'];

export interface WatchBenchResult {
  watch_requests_5min: number;
  watch_max_lag_s: number;
  idle_requests_10min: number;
  /** For --verbose: what was sent and when each status was seen. */
  detail: { requests: string[]; seen: { status: string; lagS: number }[]; timersLeft: number };
}

export async function runWatchBench(options: { tail?: boolean } = {}): Promise<WatchBenchResult> {
  const clock = new SimulatedClock();
  const emulator = await startEmulator({ clock, pace: FIVE_MINUTE_PACE });
  const connection = { baseUrl: emulator.url, token: TOKENS.full };
  const client = new NorthflankClient({ ...connection, retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 } });
  const watcher = new BuildWatcher({
    client,
    clock,
    openTail: options.tail === false ? undefined : (ref, buildId, handlers) => openBuildLogTail(connection, ref, { buildId }, handlers),
  });
  const settle = async () => {
    await nextTurns();
    await watcher.settled();
    await nextTurns();
  };
  try {
    const ref: ServiceRef = { projectId: SEED.projectId, serviceId: SEED.combinedServiceId };
    const started = await client.startBuild(ref, {});
    const afterStart = emulator.requests.length;
    const seen: { status: string; at: number }[] = [];
    let concludedAt: number | undefined;
    watcher.onDidChange((build) => seen.push({ status: build.status ?? '', at: clock.now() }));
    watcher.onDidConclude(() => (concludedAt = clock.now()));
    watcher.watch(ref, started.id, started);

    const deadline = clock.now() + 15 * 60_000;
    while (concludedAt === undefined && clock.now() < deadline) await clock.advanceBy(1000, { settle });
    const watchRequests = emulator.requests.slice(afterStart);

    const idleFrom = emulator.requests.length;
    await clock.advanceBy(10 * 60_000, { settle });
    const idleRequests = emulator.requests.length - idleFrom;

    const record = emulator.state.builds.find((build) => build.id === started.id);
    if (!record) throw new Error('The emulator lost the build');
    const transitions = phasesOf(record.createdAt, FIVE_MINUTE_PACE, false)
      .slice(1)
      .map((phase) => ({ status: phase.status as string, at: phase.startsAt }));
    transitions.push({ status: 'SUCCESS', at: record.createdAt + Object.values(FIVE_MINUTE_PACE).reduce((sum, ms) => sum + ms, 0) });
    // A status skipped between two answers counts as seen when a later one is.
    const lags = transitions.map(({ status, at }) => {
      const first = seen.find((change) => ORDER.indexOf(change.status) >= ORDER.indexOf(status));
      return { status, lagS: first ? (first.at - at) / 1000 : Infinity };
    });
    return {
      watch_requests_5min: watchRequests.length,
      watch_max_lag_s: Math.max(...lags.map((lag) => lag.lagS)),
      idle_requests_10min: idleRequests,
      detail: {
        requests: watchRequests.map((request) => `${((request.at - record.createdAt) / 1000).toFixed(1)}s ${request.method} ${request.path}`),
        seen: lags,
        timersLeft: clock.pendingTimers,
      },
    };
  } finally {
    watcher.dispose();
    await emulator.stop();
  }
}

if (require.main === module) printFigures(runWatchBench({ tail: !process.argv.includes('--no-tail') }));
