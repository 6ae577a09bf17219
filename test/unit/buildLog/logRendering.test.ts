import * as assert from 'node:assert/strict';
import { messageOf, renderLog, renderLogLine } from '../../../src/buildLog/logRendering';

const LINES = [
  { ts: '2025-05-05T16:00:00.000Z', log: 'stdout F Build queued' },
  { ts: '2025-05-05T16:00:12.400Z', log: 'stdout F \u001b[31mERROR\u001b[0m: failed to solve   ' },
  { ts: '2025-05-05T17:02:03.000Z', log: 'stderr P still going' },
];

describe('renderLog', () => {
  it('shows each time since the first line by default, as +MM:SS and past an hour +H:MM:SS', () => {
    assert.deepEqual(renderLog(LINES, 'short'), ['+00:00 Build queued', '+00:12 ERROR: failed to solve', '+1:02:03 still going']);
  });

  it('shows the API timestamp as sent when full, and none at all when none', () => {
    assert.deepEqual(renderLog(LINES, 'full'), [
      '2025-05-05T16:00:00.000Z Build queued',
      '2025-05-05T16:00:12.400Z ERROR: failed to solve',
      '2025-05-05T17:02:03.000Z still going',
    ]);
    assert.deepEqual(renderLog(LINES, 'none'), ['Build queued', 'ERROR: failed to solve', 'still going']);
  });

  it('never shows a terminal escape or the runtime framing', () => {
    for (const line of renderLog(LINES, 'short')) {
      assert.doesNotMatch(line, /\u001b/);
      assert.doesNotMatch(line, /std(out|err) [FP]/);
    }
  });

  it('keeps a timestamp it cannot read as it is', () => {
    assert.equal(renderLogLine({ ts: 'yesterday', log: 'hello' }, '2025-05-05T16:00:00.000Z', 'short'), 'yesterday hello');
  });
});

describe('messageOf', () => {
  it('reads the message back from a line of any timestamp style', () => {
    for (const line of ['+00:12 #5 DONE', '+1:02:03 #5 DONE', '2025-05-05T16:00:12.400Z #5 DONE', '#5 DONE']) assert.equal(messageOf(line), '#5 DONE', line);
  });
});
