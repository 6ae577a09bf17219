/**
 * The watcher in a storm of 429s that say "retry now": ten 5-minute builds started one a minute, each
 * watched as the extension watches it (with the live log tail), while a proxy in front of the API
 * answers 3 of every 4 build reads with 429 and `x-ratelimit-reset: 0`, for an hour, on a simulated clock.
 * Prints {"watch_requests_hour_429_storm_10_builds", "storm_builds_concluded"} as JSON.
 * Run: npm run compile-tests && node out/test/bench/watchStorm.js [--no-tail (where the tail cannot be opened: polls alone)]
 */
import { NorthflankClient } from '../../src/northflank/client';
import { openBuildLogTail } from '../../src/northflank/logTail';
import type { ServiceRef } from '../../src/northflank/types';
import { BuildWatcher } from '../../src/watch/buildWatcher';
import { SEED, startEmulator, TOKENS } from '../emulator';
import { printFigures } from './samples';
import { nextTurns, SimulatedClock } from './simulatedClock';
import { FIVE_MINUTE_PACE } from './watch';

export const STORM_BUILDS = 10;

export interface StormResult {
  watch_requests_hour_429_storm_10_builds: number;
  storm_builds_concluded: number;
  detail: { tails: number };
}

export async function runStormBench(options: { tail?: boolean } = {}): Promise<StormResult> {
  const clock = new SimulatedClock();
  const emulator = await startEmulator({ clock, pace: FIVE_MINUTE_PACE, rateLimit: { limit: 100_000, windowSeconds: 3600 } });
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
  const concluded = new Set<string>();
  watcher.onDidConclude((build) => concluded.add(build.id));
  try {
    const ref: ServiceRef = { projectId: SEED.projectId, serviceId: SEED.combinedServiceId };
    emulator.inject({ kind: 'status429', resetSeconds: 0, passEvery: 4, count: 1_000_000, method: 'GET', path: /\/build\/[^/]+$/ });
    const from = emulator.requests.length;
    for (let minute = 0; minute < 60; minute++) {
      if (minute < STORM_BUILDS) {
        // Started by someone else (its POST is not the watcher's), then watched from its first answer.
        const build = await client.startBuild(ref, {});
        watcher.watch(ref, build.id, build);
      }
      await clock.advanceBy(60_000, { stepMs: 1_000, settle });
    }
    const watcherRequests = emulator.requests.slice(from).filter((request) => !(request.method === 'POST' && request.path.endsWith('/build')));
    return {
      watch_requests_hour_429_storm_10_builds: watcherRequests.length,
      storm_builds_concluded: concluded.size,
      detail: { tails: watcherRequests.filter((request) => request.query.queryType === 'tail').length },
    };
  } finally {
    watcher.dispose();
    await emulator.stop();
  }
}

if (require.main === module) printFigures(runStormBench({ tail: !process.argv.includes('--no-tail') }));
