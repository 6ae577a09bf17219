import * as assert from 'node:assert/strict';
import { stepRegions } from '../../../src/buildLog/stepFolding';

describe('stepRegions', () => {
  it("folds each BuildKit step with the lines of the same number after it, timestamps or not", () => {
    const log = [
      '+00:00 Using Dockerfile /Dockerfile',
      '+00:01 #1 [internal] load build definition from Dockerfile',
      '+00:02 #2 [build 2/4] RUN npm ci',
      '+00:03 #2 0.912 added 212 packages',
      '+00:04 #2 DONE 3.4s',
      '+00:05 #3 [build 3/4] RUN npm run build',
      '+00:06 #3 DONE 1.0s',
      '+00:07 Image successfully built',
    ];
    assert.deepEqual(stepRegions(log), [
      { start: 2, end: 4 },
      { start: 5, end: 6 },
    ]);
    assert.deepEqual(stepRegions(log.map((line) => line.slice(7))), stepRegions(log));
  });

  it('does not confuse #1 with #12, and folds a step that runs to the end of the log', () => {
    assert.deepEqual(stepRegions(['#1 [a 1/2] FROM x', '#12 [b 1/2] FROM y', '#12 DONE 0.1s']), [{ start: 1, end: 2 }]);
  });

  it('folds interleaved parallel steps as separate runs, never overlapping', () => {
    const log = ['#4 [a 2/3] RUN one', '#4 0.1 one', '#5 [b 2/3] RUN two', '#5 0.2 two', '#4 DONE 1s', '#4 CACHED'];
    assert.deepEqual(stepRegions(log), [
      { start: 0, end: 1 },
      { start: 2, end: 3 },
      { start: 4, end: 5 },
    ]);
  });
});
