import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseStages } from '../../../src/dockerfile/dockerfileStage';
import { backtrackingDockerfile, tenLineStagesDockerfile } from '../../bench/multiStageDockerfile';

// Compiled to out/test/unit/dockerfile; the fixtures stay in the source tree.
const fixtures = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'dockerfiles');
const fixture = (name: string) => readFileSync(join(fixtures, name), 'utf8');

describe('parseStages', () => {
  describe('on real-world Dockerfiles', () => {
    it('lists the three named stages of a Node multi-stage build, after the syntax directive', () => {
      assert.deepEqual(parseStages(fixture('node-multistage.Dockerfile')), [
        { index: 0, name: 'deps', baseImage: 'node:20-alpine', line: 4 },
        { index: 1, name: 'build', baseImage: 'node:20-alpine', line: 10 },
        { index: 2, name: 'runtime', baseImage: 'node:20-alpine', line: 16 },
      ]);
    });

    it('lists a named builder and an unnamed distroless final stage of a Go build', () => {
      assert.deepEqual(parseStages(fixture('go-distroless.Dockerfile')), [
        { index: 0, name: 'builder', baseImage: 'golang:1.22', line: 1 },
        { index: 1, baseImage: 'gcr.io/distroless/static-debian12:nonroot', line: 8 },
      ]);
    });

    it('skips --platform flags and ARG lines before FROM in a CRLF Python Dockerfile, keeping ${…} image references as written', () => {
      assert.deepEqual(parseStages(fixture('python-platform.Dockerfile')), [
        { index: 0, name: 'wheels', baseImage: '${BASE}', line: 5 },
        { index: 1, name: 'app', baseImage: 'python:${PYTHON_VERSION}-slim', line: 9 },
      ]);
    });

    it('reads lower- and mixed-case FROM/AS, continuations, comments inside continuations and heredoc bodies like BuildKit', () => {
      assert.deepEqual(parseStages(fixture('messy.Dockerfile')), [
        { index: 0, name: 'Base', baseImage: 'alpine:${BASE_TAG}', line: 5 },
        { index: 1, name: 'tools.v2', baseImage: 'alpine:3.19', line: 13 },
        { index: 2, baseImage: 'scratch', line: 25 },
      ]);
    });

    it('does not offer a FROM line inside heredocs with dashed, dotted, quoted or ONBUILD delimiters as a stage', () => {
      assert.deepEqual(parseStages(fixture('heredoc-delimiters.Dockerfile')), [
        { index: 0, name: 'base', baseImage: 'debian:bookworm-slim', line: 2 },
        { index: 1, name: 'config', baseImage: 'scratch', line: 26 },
        { index: 2, name: 'runtime', baseImage: 'base', line: 28 },
      ]);
    });

    it('uses the backtick from "# escape=`" to continue lines, so a trailing backslash in a Windows path does not', () => {
      assert.deepEqual(parseStages(fixture('windows-escape.Dockerfile')), [
        { index: 0, name: 'base', baseImage: 'mcr.microsoft.com/windows/servercore:ltsc2022', line: 3 },
        { index: 1, name: 'final', baseImage: 'base', line: 7 },
      ]);
    });
  });

  describe('parser directives', () => {
    it('ignores an escape directive that comes after a comment, as Docker does', () => {
      const text = '# a comment\n# escape=`\nFROM a `\n  AS b\n';
      assert.deepEqual(parseStages(text), [{ index: 0, baseImage: 'a', line: 3 }]);
    });

    it('ignores an escape directive that comes after a blank line', () => {
      assert.deepEqual(parseStages('\n# escape=`\nFROM a `\nAS b'), [{ index: 0, baseImage: 'a', line: 3 }]);
    });

    it('accepts spaces and upper case in a directive and skips a byte-order mark', () => {
      assert.deepEqual(parseStages('\uFEFF#  ESCAPE = `\nFROM a `\n AS b'), [{ index: 0, name: 'b', baseImage: 'a', line: 2 }]);
    });

    it('keeps the default escape character when the directive names an invalid one', () => {
      assert.deepEqual(parseStages('# escape=x\nFROM a \\\n AS b'), [{ index: 0, name: 'b', baseImage: 'a', line: 2 }]);
    });
  });

  describe('continuations and layout', () => {
    it('treats an escape character followed by trailing spaces as a continuation', () => {
      assert.deepEqual(parseStages('FROM a \\   \n  AS b'), [{ index: 0, name: 'b', baseImage: 'a', line: 1 }]);
    });

    it('drops a comment line inside a continued FROM instead of ending the instruction there', () => {
      assert.deepEqual(parseStages('FROM a \\\n  # the stage name follows\n  AS b'), [{ index: 0, name: 'b', baseImage: 'a', line: 1 }]);
    });

    it('joins a keyword alone on its line with the continuation that follows', () => {
      assert.deepEqual(parseStages('FROM\\\n alpine AS b'), [{ index: 0, name: 'b', baseImage: 'alpine', line: 1 }]);
    });

    it('reads indented instructions and tabs between words', () => {
      assert.deepEqual(parseStages('   FROM\ta\tAS\tb'), [{ index: 0, name: 'b', baseImage: 'a', line: 1 }]);
    });

    it('counts CRLF lines like LF lines', () => {
      assert.deepEqual(parseStages('FROM a AS b\r\n\r\nFROM c\r\n'), [
        { index: 0, name: 'b', baseImage: 'a', line: 1 },
        { index: 1, baseImage: 'c', line: 3 },
      ]);
    });

    it('does not take FROM inside an ONBUILD, a RUN argument or a comment for a stage', () => {
      const text = 'FROM a\nONBUILD FROM b AS c\nRUN echo FROM d AS e\n# FROM f AS g\n';
      assert.deepEqual(parseStages(text), [{ index: 0, baseImage: 'a', line: 1 }]);
    });

    it('skips the body of several heredocs on one instruction, quoted names and all', () => {
      const text = 'FROM a\nCOPY <<"ONE" <<\'TWO\' /dst/\nFROM x AS y\nONE\nFROM z\nTWO\nFROM b AS c\n';
      assert.deepEqual(parseStages(text), [
        { index: 0, baseImage: 'a', line: 1 },
        { index: 1, name: 'c', baseImage: 'b', line: 7 },
      ]);
    });

    it('does not mistake a shell bit shift for a heredoc', () => {
      assert.deepEqual(parseStages('FROM a\nRUN echo $((1<<2))\nFROM b AS c'), [
        { index: 0, baseImage: 'a', line: 1 },
        { index: 1, name: 'c', baseImage: 'b', line: 3 },
      ]);
    });

    it('marks each earlier stage whose name a later one repeats, ignoring case, with the last one, which --target builds', () => {
      assert.deepEqual(parseStages('FROM a AS build\nFROM b AS Build\nFROM c AS test\nFROM d AS BUILD\n'), [
        { index: 0, name: 'build', baseImage: 'a', line: 1, shadowedBy: { index: 3, line: 4 } },
        { index: 1, name: 'Build', baseImage: 'b', line: 2, shadowedBy: { index: 3, line: 4 } },
        { index: 2, name: 'test', baseImage: 'c', line: 3 },
        { index: 3, name: 'BUILD', baseImage: 'd', line: 4 },
      ]);
    });

    it('skips a FROM without an image and an AS without a name', () => {
      assert.deepEqual(parseStages('FROM\nFROM --platform=linux/amd64\nFROM a AS\n'), [{ index: 0, baseImage: 'a', line: 3 }]);
    });

    it('returns no stages for an empty file or one with only comments', () => {
      assert.deepEqual(parseStages(''), []);
      assert.deepEqual(parseStages('# just a comment\n\n'), []);
    });
  });

  describe('large and hostile input', () => {
    // How parse time grows with the input is measured by the bench (section stages), not asserted here.
    it('parses a 10,000-line multi-stage Dockerfile', () => {
      const text = tenLineStagesDockerfile(10_000);
      assert.equal(text.split('\n').length, 10_001);
      const stages = parseStages(text);
      assert.equal(stages.length, 1000);
      assert.equal(stages[999].name, 'stage999');
    });

    it('reads lines built to trip a backtracking regular expression', () => {
      assert.deepEqual(parseStages(backtrackingDockerfile(50_000)), [{ index: 0, baseImage: 'a', line: 1, name: 'b' }]);
    });
  });
});
