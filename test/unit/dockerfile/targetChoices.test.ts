import * as assert from 'node:assert/strict';
import { parseStages } from '../../../src/dockerfile/dockerfileStage';
import { targetChoices, type TargetQuestion } from '../../../src/dockerfile/targetChoices';

const TWO_STAGES = 'FROM node:20 AS build\nRUN npm ci\nFROM node:20-slim AS runtime\nCMD ["node"]\n';
const THREE_STAGES = 'FROM node:20 AS build\nFROM node:20-slim AS runtime\nFROM busybox AS debug\n';

function question(text: string, serviceTarget: string | undefined, path = '/services/api/Dockerfile'): TargetQuestion {
  return targetChoices(parseStages(text), serviceTarget, path);
}

function asked(text: string, serviceTarget: string | undefined): { labels: string[]; sent: Array<string | undefined>; enter: string | undefined; disabled: string[] } {
  const q = question(text, serviceTarget);
  if (q.kind !== 'ask') throw new Error(`expected a question, got ${JSON.stringify(q)}`);
  return {
    labels: q.choices.map((choice) => choice.label),
    sent: q.choices.map((choice) => choice.target),
    enter: q.choices[q.defaultIndex].target,
    disabled: q.choices.filter((choice) => choice.disabledReason).map((choice) => choice.label),
  };
}

describe('targetChoices', () => {
  describe('with a target configured on the service', () => {
    it("offers the service's target first, by name, and every other stage by name, the last one included", () => {
      const choices = asked(THREE_STAGES, 'runtime');
      assert.deepEqual(choices.labels, ["The service's target (runtime)", 'build', 'debug']);
      assert.deepEqual(choices.sent, ['runtime', 'build', 'debug']);
      assert.equal(choices.enter, 'runtime');
    });

    it('sends the last stage by name: no target would build the configured one instead', () => {
      const choices = asked(THREE_STAGES, 'build');
      assert.equal(choices.sent[choices.labels.indexOf('debug')], 'debug');
      assert.ok(!choices.sent.includes(undefined), 'a choice that sends no target would build "build"');
    });

    it("matches the service's target ignoring case, as Docker does", () => {
      assert.equal(asked(THREE_STAGES, 'RUNTIME').enter, 'RUNTIME');
    });

    it("disables the service's target when this Dockerfile has no such stage, and defaults to the last stage by name", () => {
      const choices = asked(TWO_STAGES, 'release');
      assert.deepEqual(choices.disabled, ["The service's target (release)"]);
      assert.equal(choices.enter, 'runtime');
    });

    it('disables an unnamed last stage, which no target can reach', () => {
      const choices = asked('FROM golang AS build\nFROM golang AS test\nFROM gcr.io/distroless/static\n', 'runtime');
      assert.deepEqual(choices.disabled, ["The service's target (runtime)", 'Last stage']);
      assert.equal(choices.enter, 'build');
    });

    it('sends a single unnamed stage with no target, warning that Northflank then looks for the configured one', () => {
      const q = question('FROM nginx\nCOPY . /usr/share/nginx/html\n', 'runtime', '/Dockerfile');
      assert.equal(q.kind, 'only');
      assert.equal(q.kind === 'only' ? q.choice.target : 'x', undefined);
      assert.match((q.kind === 'only' && q.warning) || '', /\/Dockerfile has no stage named "runtime"/);
    });

    it("asks nothing when the service's target is the only stage", () => {
      assert.deepEqual(question('FROM nginx AS runtime\n', 'runtime'), {
        kind: 'only',
        choice: { label: "The service's target (runtime)", description: 'FROM nginx · last stage', target: 'runtime', disabledReason: undefined },
      });
    });
  });

  describe('without a target on the service', () => {
    it('offers each stage by name, and Enter builds the last one by sending no target', () => {
      const choices = asked(TWO_STAGES, undefined);
      assert.deepEqual(choices.labels, ['build', 'runtime']);
      assert.deepEqual(choices.sent, ['build', undefined]);
      assert.equal(choices.enter, undefined);
    });

    it('names an unnamed last stage "Last stage"', () => {
      assert.deepEqual(asked('FROM golang AS build\nFROM scratch\n', undefined).labels, ['build', 'Last stage']);
    });

    it('asks nothing when only the last stage can be built', () => {
      for (const text of ['FROM nginx\n', 'FROM nginx AS web\n', 'FROM a\nFROM b\n']) {
        const q = question(text, undefined);
        assert.equal(q.kind, 'only', text);
        assert.equal(q.kind === 'only' ? q.choice.target : 'x', undefined, text);
      }
    });

    it('lists a shadowed stage disabled, with why', () => {
      const choices = asked('FROM a AS build\nFROM b AS Build\nFROM c AS final\n', undefined);
      assert.deepEqual(choices.disabled, ['build']);
      assert.equal(choices.enter, undefined);
    });
  });

  it('asks nothing of a file with no stages', () => {
    assert.equal(question('# nothing\n', 'runtime').kind, 'only');
  });
});
