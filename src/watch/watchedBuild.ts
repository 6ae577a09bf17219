import type { LogTail } from '../northflank/logTail';
import { buildableKey, refOf } from '../northflank/buildableRef';
import type { Build, BuildableRef } from '../northflank/types';
import type { WatchTiming } from './watchTiming';

/** What the watcher keeps about one build it follows. */
export interface WatchedBuild {
  readonly key: string;
  readonly ref: BuildableRef;
  readonly buildId: string;
  build?: Build;
  pollMs: number;
  hintIntervalMs: number;
  /** When log lines last asked for a status check that has not been made yet. */
  hintAt?: number;
  lastRequestAt?: number;
  timer?: unknown;
  request?: AbortController;
  tail?: LogTail;
  tailLive: boolean;
  tailOpenedAt: number;
  tailOpens: number;
  /** No more tails for this build: one failed, or they keep closing. */
  tailRetired: boolean;
}

export function newWatchedBuild(ref: BuildableRef, buildId: string, known: Build | undefined, timing: WatchTiming): WatchedBuild {
  return {
    key: keyOf(ref, buildId),
    ref: refOf(ref),
    buildId,
    build: known,
    pollMs: timing.fastPollMs,
    hintIntervalMs: timing.hintMinIntervalMs,
    tailLive: false,
    tailOpenedAt: 0,
    tailOpens: 0,
    tailRetired: false,
  };
}

export function keyOf(ref: BuildableRef, buildId: string): string {
  return JSON.stringify([buildableKey(ref), buildId]);
}

/** What the UI shows: a new answer that matches on these is not a change. */
export function hasChanged(before: Build, after: Build): boolean {
  return (
    before.status !== after.status ||
    before.concluded !== after.concluded ||
    before.success !== after.success ||
    (before.message ?? null) !== (after.message ?? null)
  );
}
