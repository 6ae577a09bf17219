import * as assert from 'node:assert/strict';
import { parseStages } from '../../../src/dockerfile/dockerfileStage';
import { stageTargetProblem } from '../../../src/dockerfile/stageTarget';

describe('stage targets', () => {
  it('rejects a Docker-valid stage name with a dot, naming the dot and its position', () => {
    const [stage] = parseStages('FROM alpine AS tools.v2');
    assert.equal(
      stageTargetProblem(stage),
      `The stage name "tools.v2" has the character "." at position 6; Northflank accepts only letters A–Z, digits, '-' and '_' in a target.`,
    );
  });

  it('explains that an unnamed stage cannot be a target', () => {
    const [, stage] = parseStages('FROM a AS b\nFROM scratch');
    assert.equal(stageTargetProblem(stage), 'Stage 1 (FROM scratch) has no name; give it one with "AS <name>" to build only up to it.');
  });

  it('offers only the last of stages sharing a name, and says why an earlier one cannot be the target', () => {
    const [first, , last] = parseStages('FROM node:20 AS build\nFROM alpine AS test\nFROM node:22 AS Build\n');
    assert.equal(
      stageTargetProblem(first),
      'Stage "build" (line 1) can\'t be the target: the stage at line 3 has the same name, as Docker ignores case in stage names. ' +
        'BuildKit, Northflank\'s default build engine, warns about this and builds that later stage for --target build (Kaniko builds the first of them). Rename one of them.',
    );
    assert.equal(stageTargetProblem(last), undefined);
  });

  it('has nothing to say about a valid named stage', () => {
    assert.equal(stageTargetProblem(parseStages('FROM a AS runtime')[0]), undefined);
  });

  it('rejects an empty name and a non-ASCII letter', () => {
    assert.equal(stageTargetProblem({ index: 0, name: '', baseImage: 'a', line: 1 }), 'The stage name must not be empty.');
    assert.match(stageTargetProblem({ index: 0, name: 'étape', baseImage: 'a', line: 1 }) ?? '', /"é" \(U\+00E9\) at position 1/);
  });
});
