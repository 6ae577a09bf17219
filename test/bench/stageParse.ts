import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseStages } from '../../src/dockerfile/dockerfileStage';
import { FIXTURES_DIR } from './benchPaths';
import { multiStageDockerfile, STAGE_COUNT } from './multiStageDockerfile';
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
