import { messageOf } from './logRendering';

/** Lines `start` to `end` (0-based, inclusive) fold as one. */
export interface LineRegion {
  start: number;
  end: number;
}

const STEP = /^#(\d+) /;

/**
 * BuildKit's plain output numbers each step (`#5 [build 2/6] RUN npm ci`) and prefixes the step's
 * own output with the same number (`#5 0.912 added 212 packages`, `#5 DONE 3.4s`). Each run of two
 * or more lines of one step folds, header included. Parallel steps interleave their lines; folding
 * regions may not overlap, so a step broken by another's lines folds as several runs.
 */
export function stepRegions(documentLines: readonly string[]): LineRegion[] {
  const regions: LineRegion[] = [];
  let step: string | undefined;
  let start = 0;
  const close = (end: number) => {
    if (step !== undefined && end > start) regions.push({ start, end });
  };
  documentLines.forEach((line, index) => {
    const current = STEP.exec(messageOf(line))?.[1];
    if (current === step) return;
    close(index - 1);
    step = current;
    start = index;
  });
  close(documentLines.length - 1);
  return regions;
}
