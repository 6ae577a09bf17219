/** How often the watcher asks; all in milliseconds. */
export interface WatchTiming {
  /** First poll interval, and the one used again after a change. */
  fastPollMs: number;
  /** Where the poll interval stops growing while nothing changes. */
  slowPollMs: number;
  /** Each unchanged answer multiplies the interval by this. */
  backoffFactor: number;
  /** While a live log tail is open, polls are only a safety net, this far apart. */
  tailSafetyPollMs: number;
  /** After log lines arrive, wait this long (lines come in bursts) before asking for the status. */
  hintDelayMs: number;
  /**
   * Least time between two log-triggered requests. While lines keep coming faster than this and the
   * status does not move, it doubles up to the max; sparser lines bring it back down.
   */
  hintMinIntervalMs: number;
  hintMaxIntervalMs: number;
  /** Intervals are multiplied by this while the window is unfocused and the view hidden... */
  hiddenFactor: number;
  /** ...but not beyond this (unless they were already longer). */
  hiddenMaxPollMs: number;
  /** A tail that closed cleanly after living this long may be reopened; a quicker close means tails do not work here. */
  tailHealthyMs: number;
  maxTailOpens: number;
}

export const DEFAULT_WATCH_TIMING: WatchTiming = {
  fastPollMs: 3_000,
  slowPollMs: 30_000,
  backoffFactor: 1.5,
  tailSafetyPollMs: 60_000,
  hintDelayMs: 1_000,
  hintMinIntervalMs: 2_000,
  hintMaxIntervalMs: 15_000,
  hiddenFactor: 4,
  hiddenMaxPollMs: 120_000,
  tailHealthyMs: 60_000,
  maxTailOpens: 3,
};

export function grow(intervalMs: number, factor: number, maxMs: number): number {
  return Math.min(maxMs, Math.round(intervalMs * factor));
}

export function whileHidden(intervalMs: number, timing: WatchTiming): number {
  return Math.max(intervalMs, Math.min(intervalMs * timing.hiddenFactor, timing.hiddenMaxPollMs));
}
