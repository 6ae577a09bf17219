import * as assert from 'node:assert/strict';
import { readInstructions } from '../../../src/dockerfile/DockerfileInstruction';

describe('readInstructions', () => {
  it('returns every instruction with its keyword in upper case, its joined arguments and its first line', () => {
    const text = '# syntax=docker/dockerfile:1\nfrom alpine\nrun apk add \\\n  # comment\n\n  curl\nCMD ["sh"]\n';
    assert.deepEqual(readInstructions(text), [
      { keyword: 'FROM', args: 'alpine', line: 2 },
      { keyword: 'RUN', args: 'apk add   curl', line: 3 },
      { keyword: 'CMD', args: '["sh"]', line: 7 },
    ]);
  });

  it('returns only the asked-for keywords, still skipping heredoc bodies of the others', () => {
    const text = 'FROM a\nRUN \\\n  cat <<EOF\nFROM not-a-stage\nEOF\nFROM b\n';
    assert.deepEqual(readInstructions(text, new Set(['FROM'])), [
      { keyword: 'FROM', args: 'a', line: 1 },
      { keyword: 'FROM', args: 'b', line: 6 },
    ]);
  });

  it('keeps a heredoc running to the end of the file when its terminator never comes', () => {
    assert.deepEqual(readInstructions('RUN <<EOF\nFROM x\n'), [{ keyword: 'RUN', args: '<<EOF', line: 1 }]);
  });

  it('does not read "<<" in a comment line inside a continuation as a heredoc', () => {
    const text = 'RUN a \\\n# <<EOF\n  b\nFROM c\n';
    assert.deepEqual(readInstructions(text, new Set(['FROM'])), [{ keyword: 'FROM', args: 'c', line: 4 }]);
  });
});
