// What the bench process (discovery.ts) and the module in the extension host (discoveryInHost.ts) agree on.

/** The file the extension host writes its timings to. */
export const DISCOVERY_OUTPUT_VARIABLE = 'NORTHFLANK_BENCH_DISCOVERY_OUTPUT';
/** How many timed searches follow the first one. */
export const DISCOVERY_RUNS_VARIABLE = 'NORTHFLANK_BENCH_DISCOVERY_RUNS';

export interface DiscoveryTimings {
  /** The first search, once the window has settled. */
  first: number;
  samples: number[];
  /** What the last search found, relative with '/', sorted. */
  found: string[];
}
