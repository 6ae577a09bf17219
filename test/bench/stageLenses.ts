import { performance } from 'node:perf_hooks';
import { parseStages } from '../../src/dockerfile/dockerfileStage';
import { stageLenses } from '../../src/dockerfile/stageLenses';
import { multiStageDockerfile, STAGE_COUNT } from './multiStageDockerfile';
import { type Samples, samples } from './samples';

export interface StageLensResult {
  /** Stages and lenses from the text, as the editor asks for a new version of the document. */
  parsed: Samples;
  /** Lenses from stages already read, as for a version already seen, in microseconds (milliseconds would round to 0). */
  cachedUs: Samples;
}

/** The lenses of the 10,000-line Dockerfile in plain Node, warm (after twenty rounds), `runs` samples each. */
export function measureStageLenses(runs: number): StageLensResult {
  const text = multiStageDockerfile();
  const stages = parseStages(text);
  for (let i = 0; i < 20; i++) check(stageLenses(parseStages(text), 'API'));
  const parsed: number[] = [];
  const cached: number[] = [];
  for (let run = 0; run < Math.max(runs, 30); run++) {
    let started = performance.now();
    check(stageLenses(parseStages(text), 'API'));
    parsed.push(performance.now() - started);
    started = performance.now();
    check(stageLenses(stages, 'API'));
    cached.push((performance.now() - started) * 1000);
  }
  return { parsed: samples(parsed), cachedUs: samples(cached) };
}

function check(lenses: ReturnType<typeof stageLenses>): void {
  const last = lenses[lenses.length - 1];
  if (lenses.length !== STAGE_COUNT || last?.title !== `$(play) Build 'stage-${STAGE_COUNT - 1}' on API`) {
    throw new Error(`stageLenses drew ${lenses.length} lenses on the generated Dockerfile, not ${STAGE_COUNT}`);
  }
}
