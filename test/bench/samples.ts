/** A set of timings of the same thing: its median is the figure, the rest shows the spread. */
export interface Samples {
  median: number;
  min: number;
  max: number;
  n: number;
  values: number[];
}

export function samples(values: number[]): Samples {
  if (values.length === 0) throw new Error('no samples were taken');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median: round(median), min: round(sorted[0]), max: round(sorted[sorted.length - 1]), n: values.length, values: values.map((value) => round(value)) };
}

export function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** For a bench section run on its own: prints its figures as JSON (and its detail with --verbose), or fails. */
export function printFigures(result: Promise<{ detail: unknown }>): void {
  result.then(
    ({ detail, ...figures }) => {
      if (process.argv.includes('--verbose')) console.error(JSON.stringify(detail, null, 2));
      console.log(JSON.stringify(figures));
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
