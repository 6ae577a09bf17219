import * as assert from 'node:assert/strict';
import { parseStages } from '../../../src/dockerfile/dockerfileStage';
import { START_BUILD_TITLE, stageLenses } from '../../../src/dockerfile/stageLenses';

const API_DOCKERFILE = `# syntax=docker/dockerfile:1
FROM node:20-alpine AS build
RUN npm run build

FROM node:20-alpine AS runtime
CMD ["node", "dist/server.js"]
`;

/** Line, title and what a click sends, the parts a person sees and gets. */
function shown(text: string, buildableName: string | undefined): Array<[number, string, string | undefined | null]> {
  return stageLenses(parseStages(text), buildableName).map((lens) => [lens.line, lens.title, lens.build === undefined ? null : lens.build.target]);
}

describe('build lenses above the stages of a Dockerfile', () => {
  it("puts a button naming the stage and the linked service on each named stage's FROM line, which sends that target", () => {
    assert.deepEqual(shown(API_DOCKERFILE, 'API'), [
      [1, "$(play) Build 'build' on API", 'build'],
      [4, "$(play) Build 'runtime' on API", 'runtime'],
    ]);
  });

  it('reads "Start Build…" on every stage when no single service or job builds the file, still sending the stage', () => {
    assert.deepEqual(shown(API_DOCKERFILE, undefined), [
      [1, START_BUILD_TITLE, 'build'],
      [4, START_BUILD_TITLE, 'runtime'],
    ]);
    assert.equal(START_BUILD_TITLE, '$(play) Start Build…');
    assert.match(stageLenses(parseStages(API_DOCKERFILE), undefined)[0].tooltip, /'build'.*asks which service or job/);
  });

  it('builds a single unnamed stage with no target, on the linked service or asking which', () => {
    assert.deepEqual(shown('FROM nginx:1.27-alpine\nEXPOSE 80\n', 'Web'), [[0, '$(play) Build on Web', undefined]]);
    assert.deepEqual(shown('\n\nFROM nginx\n', undefined), [[2, START_BUILD_TITLE, undefined]]);
  });

  it('builds a single named stage by its name', () => {
    assert.deepEqual(shown('FROM alpine AS app\n', 'Docs'), [[0, "$(play) Build 'app' on Docs", 'app']]);
  });

  it('gives unnamed stages before the last no lens, and an unnamed last stage a note with no command', () => {
    const lenses = stageLenses(parseStages('FROM golang AS build\nFROM alpine\nRUN true\nFROM scratch\n'), 'API');
    assert.deepEqual(
      lenses.map((lens) => [lens.line, lens.title, lens.build]),
      [
        [0, "$(play) Build 'build' on API", { target: 'build' }],
        [3, '$(circle-slash) Name this stage ("AS <name>") to build it alone', undefined],
      ],
    );
    assert.equal(lenses[1].tooltip, 'Stage 2 (FROM scratch) has no name; give it one with "AS <name>" to build only up to it.');
  });

  it('says why a stage whose name a later stage repeats cannot be built, and builds the later one', () => {
    const lenses = stageLenses(parseStages('FROM node:20 AS build\nFROM alpine AS test\nFROM node:22 AS Build\n'), 'API');
    assert.deepEqual(
      lenses.map((lens) => [lens.line, lens.title, lens.build]),
      [
        [0, "$(circle-slash) Can't build 'build' alone: the stage at line 3 has the same name", undefined],
        [1, "$(play) Build 'test' on API", { target: 'test' }],
        [2, "$(play) Build 'Build' on API", { target: 'Build' }],
      ],
    );
    assert.match(lenses[0].tooltip, /^Stage "build" \(line 1\) can't be the target/);
  });

  it('says why a stage with a name Northflank refuses as a target cannot be built, even when it is also repeated', () => {
    const lenses = stageLenses(parseStages('FROM a AS tools.v2\nFROM b AS Tools.V2\n'), 'API');
    assert.deepEqual(
      lenses.map((lens) => [lens.title, lens.build]),
      [
        ["$(circle-slash) Can't build 'tools.v2' alone: Northflank refuses this target name", undefined],
        ["$(circle-slash) Can't build 'Tools.V2' alone: Northflank refuses this target name", undefined],
      ],
    );
    assert.match(lenses[0].tooltip, /has the character "\." at position 6/);
  });

  it('draws nothing for a file with no stage', () => {
    assert.deepEqual(stageLenses(parseStages('# just a comment\nRUN echo\n'), 'API'), []);
  });

  it('follows FROM lines written over several lines and after flags', () => {
    assert.deepEqual(shown('FROM --platform=$BUILDPLATFORM \\\n  golang AS build\nFROM scratch AS final\n', 'API'), [
      [0, "$(play) Build 'build' on API", 'build'],
      [2, "$(play) Build 'final' on API", 'final'],
    ]);
  });
});
