import * as assert from 'node:assert/strict';
import { readInstructions } from '../../../src/dockerfile/dockerfileInstruction';

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

  describe('heredoc delimiters, as BuildKit reads them', () => {
    const FROM_ONLY = new Set(['FROM']);
    const stagesOf = (text: string) => readInstructions(text, FROM_ONLY).map((instruction) => instruction.args);

    it('accepts any delimiter without "<", such as END-SCRIPT, EOF.sh or 1st', () => {
      const text = 'RUN <<END-SCRIPT bash\nFROM x AS y\nEND-SCRIPT\nCOPY <<EOF.sh /x\nFROM z\nEOF.sh\nADD <<1st /y\nFROM w\n1st\nFROM b AS c\n';
      assert.deepEqual(stagesOf(text), ['b AS c']);
    });

    it('ends the body at the unquoted delimiter, whether quoted whole, in part or with a backslash', () => {
      const text = 'RUN <<E"O"F\nFROM x\nE"O"F\nFROM x2\nEOF\nCOPY <<\\END /x\nFROM y\nEND\nCOPY <<"TWO WORDS" /z\nFROM z\nTWO WORDS\nFROM b\n';
      assert.deepEqual(stagesOf(text), ['b']);
    });

    it('takes blanks between "<<" and the delimiter, as BuildKit does', () => {
      assert.deepEqual(stagesOf('RUN << EOF\nFROM x\nEOF\nFROM b\n'), ['b']);
    });

    it('skips several bodies in turn, with delimiters anywhere on the line', () => {
      const text = 'RUN <<FILE-1 cat > file1 && <<FILE.2 cat > file2\nFROM x\nFILE-1\nFROM y\nFILE.2\nFROM b\n';
      assert.deepEqual(stagesOf(text), ['b']);
    });

    it('ends a body only on a line that is exactly the delimiter; "<<-" strips tabs, not spaces', () => {
      const text = 'RUN <<EOF\nEOF \n  EOF\nFROM x\nEOF\nRUN <<-EOF\n  EOF\nFROM y\n\t\tEOF\nFROM b\n';
      assert.deepEqual(stagesOf(text), ['b']);
    });

    it('does not take "<<" inside quotes, or glued to a word, for a heredoc', () => {
      const text = 'FROM a\nRUN echo "see <<EOF below" \'<<END\' cat<<X\nFROM b\n';
      assert.deepEqual(stagesOf(text), ['a', 'b']);
    });

    it('skips the heredoc body of an instruction inside ONBUILD', () => {
      assert.deepEqual(stagesOf('FROM a\nONBUILD RUN <<EOF\nFROM x AS y\nEOF\nFROM b\n'), ['a', 'b']);
    });
  });

  it('does not read "<<" in a comment line inside a continuation as a heredoc', () => {
    const text = 'RUN a \\\n# <<EOF\n  b\nFROM c\n';
    assert.deepEqual(readInstructions(text, new Set(['FROM'])), [{ keyword: 'FROM', args: 'c', line: 4 }]);
  });
});
