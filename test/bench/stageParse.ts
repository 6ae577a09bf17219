import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseStages } from '../../src/dockerfile/dockerfileStage';
import { FIXTURES_DIR } from './benchPaths';
import { backtrackingDockerfile, multiStageDockerfile, STAGE_COUNT, tenLineStagesDockerfile } from './multiStageDockerfile';
import { type Samples, samples } from './samples';

export interface StageParseResult {
  /** The first parse in a fresh Node process, as when Start Build reads a Dockerfile once. */
  cold: Samples;
  /** After twenty parses have warmed up the JIT. */
  warm: Samples;
}

const FILE = join(FIXTURES_DIR, 'stages-10k.Dockerfile');

/** parseStages on a 10,000-line Dockerfile in plain Node: cold (fresh process per sample) and warm. */
export function measureStageParse(runs: number): StageParseResult {
  mkdirSync(FIXTURES_DIR, { recursive: true });
  writeFileSync(FILE, multiStageDockerfile());
  const cold: number[] = [];
  for (let run = 0; run < runs; run++) {
    cold.push(Number(execFileSync(process.execPath, [__filename, '--cold', FILE], { encoding: 'utf8' }).trim()));
  }
  const text = readFileSync(FILE, 'utf8');
  for (let i = 0; i < 20; i++) timeParse(text);
  const warm = Array.from({ length: Math.max(runs, 30) }, () => timeParse(text));
  return { cold: samples(cold), warm: samples(warm) };
}

export interface StageParseGrowth {
  /** How many times longer a Dockerfile of 8 times the lines (5,000 → 40,000) takes; linear is about 8, quadratic 64. */
  lines: Samples;
  /**
   * The same for lines built to trip a backtracking regular expression, 625,000 → 5,000,000 repeats
   * (3 → 25 MB): the parser goes through them in hundredths of a millisecond at the unit test's old
   * 6,250, too little time for a ratio to say anything.
   */
  backtracking: Samples;
}

/** How parse time grows with the input: one ratio per run, each the best of 5 parses of either size. */
export function measureStageParseGrowth(runs: number): StageParseGrowth {
  const lines: number[] = [];
  const backtracking: number[] = [];
  for (let run = 0; run < runs; run++) {
    lines.push(growth(tenLineStagesDockerfile, 5_000));
    backtracking.push(growth(backtrackingDockerfile, 625_000));
  }
  return { lines: samples(lines), backtracking: samples(backtracking) };
}

/** Parse time for input 8 times the size over parse time for `size`, each the best of 5, after a warm-up. */
function growth(make: (size: number) => string, size: number): number {
  const best = (text: string) => {
    let fastest = Infinity;
    for (let run = 0; run < 5; run++) {
      const started = performance.now();
      parseStages(text);
      fastest = Math.min(fastest, performance.now() - started);
    }
    return fastest;
  };
  const small = make(size);
  const large = make(size * 8);
  best(small); // warm up the JIT, so the first timing is not compilation
  return best(large) / Math.max(best(small), 0.05);
}

function timeParse(text: string): number {
  const started = performance.now();
  const stages = parseStages(text);
  const elapsed = performance.now() - started;
  if (stages.length !== STAGE_COUNT || stages[STAGE_COUNT - 1].name !== `stage-${STAGE_COUNT - 1}`) {
    throw new Error(`parseStages found ${stages.length} stages in the generated Dockerfile, not ${STAGE_COUNT}`);
  }
  return elapsed;
}

// A child of measureStageParse: one parse in a process that has parsed nothing before.
if (require.main === module && process.argv[2] === '--cold') {
  console.log(timeParse(readFileSync(process.argv[3], 'utf8')));
}
