import * as assert from 'node:assert/strict';
import { firstErrorLine, isErrorLine } from '../../../src/buildLog/firstError';

describe('firstErrorLine', () => {
  it("finds BuildKit's failure, after the step output before it", () => {
    const log = ['+00:00 #5 [build 3/4] RUN npm ci', '+00:03 #5 DONE 3.4s', '+00:09 #6 ERROR: process "/bin/sh -c npm run build" did not complete', '+00:10 ERROR: failed to solve'];
    assert.equal(firstErrorLine(log), 2);
  });

  it('recognises each builder\'s wording, whatever its case', () => {
    for (const line of [
      'ERROR: failed to solve: process did not complete',
      '+00:10 error: failed to push',
      'Error: Cannot find module "express"',
      'Failed to solve with frontend dockerfile.v0',
      'error building image: error building stage: failed to execute command',
      '#6 ERROR [build 4/4] RUN npm run build',
      '2025-05-05T16:00:12.400Z error',
    ]) {
      assert.ok(isErrorLine(line), line);
    }
  });

  it('passes over lines that only mention errors', () => {
    for (const line of ['found 0 errors', 'COPY src/error-handler.js ./', 'no error was reported', 'Errors are logged to stderr', '+00:01 #4 [build 2/4] COPY errors/ ./']) {
      assert.ok(!isErrorLine(line), line);
    }
  });

  it('is undefined for a log without an error', () => {
    assert.equal(firstErrorLine(['Build queued', 'Image successfully built']), undefined);
  });
});
