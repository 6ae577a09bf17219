import * as assert from 'node:assert/strict';
import { stripAnsi } from '../../../src/buildLog/ansiEscapes';

describe('stripAnsi', () => {
  it('drops colour escapes and keeps the words: \\u001b[31mERROR\\u001b[0m reads ERROR', () => {
    assert.equal(stripAnsi('\u001b[31mERROR\u001b[0m'), 'ERROR');
    assert.equal(stripAnsi('\u001b[1;33mWARN\u001b[39;49m: deprecated'), 'WARN: deprecated');
  });

  it('drops cursor and line-erase sequences, OSC hyperlinks and a stray escape', () => {
    assert.equal(stripAnsi('\u001b[2K\u001b[1Gadded 212 packages'), 'added 212 packages');
    assert.equal(stripAnsi('see \u001b]8;;https://example.invalid\u0007the docs\u001b]8;;\u0007'), 'see the docs');
    assert.equal(stripAnsi('half \u001b'), 'half ');
  });

  it('leaves text without escapes as it is, brackets included', () => {
    assert.equal(stripAnsi('#5 [build 2/6] RUN npm ci'), '#5 [build 2/6] RUN npm ci');
  });
});
