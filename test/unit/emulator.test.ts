import assert from 'node:assert/strict';
import { type Emulator, type EmulatorOptions, MONOREPO, SEED, startEmulator, TOKENS } from '../emulator';
import { SimulatedClock } from '../emulator/SimulatedClock';
import { defaultSeed } from '../emulator/seed';

const COMBINED = `/v1/projects/${SEED.projectId}/services/${SEED.combinedServiceId}`;
const BUILDER = `/v1/projects/${SEED.projectId}/services/${SEED.buildServiceId}`;
const SHA = 'e83c5163316f89bfbde7d9ab23ca2e25604af290';
const DEPLOY_BUILD = 'Project > Services > Deployment > Deploy Build';
const SEEDED_BUILDS = defaultSeed().builds?.length;

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- answers are checked field by field
}

describe('Northflank API emulator', () => {
  let emulator: Emulator;
  let clock: SimulatedClock;

  async function restart(options: EmulatorOptions = {}): Promise<void> {
    await emulator?.stop();
    clock = new SimulatedClock();
    emulator = await startEmulator({ clock, ...options });
  }

  async function call(method: string, path: string, body?: unknown, token: string | null = TOKENS.full): Promise<Answer> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token !== null) headers.authorization = `Bearer ${token}`;
    const response = await fetch(emulator.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  }

  const startBuild = (path: string, body: unknown, token?: string) => call('POST', `${path}/build`, body, token);

  beforeEach(() => restart());
  afterEach(() => emulator.stop());

  it('listens on a free loopback port and answers JSON in the documented wrapper', async () => {
    const started = Date.now();
    const fresh = await startEmulator();
    assert.ok(Date.now() - started < 200, 'starts within milliseconds');
    assert.match(fresh.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    await fresh.stop();

    const answer = await call('GET', '/v1/projects');
    assert.equal(answer.status, 200);
    assert.match(answer.headers.get('content-type') ?? '', /^application\/json/);
    assert.deepEqual(answer.json.pagination, { hasNextPage: false, count: 3 });
    assert.deepEqual(answer.json.data.projects.map((project: { id: string }) => project.id), [SEED.projectId, SEED.secondProjectId, MONOREPO.projectId]);
  });

  describe('tokens and ids', () => {
    it('answers 401 in the error shape for a missing or unknown token', async () => {
      for (const token of [null, 'nf-unknown']) {
        const answer = await call('GET', '/v1/projects', undefined, token);
        assert.equal(answer.status, 401);
        assert.equal(answer.json.error.status, 401);
        assert.equal(typeof answer.json.error.message, 'string');
      }
    });

    it('answers 403 naming Deploy Build when the noDeploy token starts or aborts a build, yet lets it read', async () => {
      const started = await startBuild(COMBINED, {});
      const denied = [await startBuild(COMBINED, {}, TOKENS.noDeploy), await call('DELETE', `${COMBINED}/build/${started.json.data.id}`, undefined, TOKENS.noDeploy)];

      for (const answer of denied) {
        assert.equal(answer.status, 403);
        assert.ok(answer.json.error.message.includes(DEPLOY_BUILD), answer.json.error.message);
      }
      assert.equal((await call('GET', `${COMBINED}/build/${started.json.data.id}`, undefined, TOKENS.noDeploy)).status, 200);
    });

    it('describes the token at /v1/auth and accepts it at /v1/login', async () => {
      const auth = await call('GET', '/v1/auth', undefined, TOKENS.noDeploy);

      for (const field of ['tokenKind', 'id', 'name', 'entityId', 'entityType', 'role', 'permissions', 'createdAt', 'expiresAt']) {
        assert.ok(field in auth.json.data, field);
      }
      assert.equal(auth.json.data.entityType, 'team');
      assert.ok(!auth.json.data.permissions.includes(DEPLOY_BUILD));
      assert.equal((await call('GET', '/v1/login')).status, 200);
    });

    it('answers 404 naming the unknown project, service, build, team or route', async () => {
      const cases: [string, RegExp][] = [
        ['/v1/projects/nope/services', /Project 'nope'/],
        [`/v1/projects/${SEED.projectId}/services/nope`, /Service 'nope'/],
        [`${COMBINED}/build/nope-nope-1`, /Build 'nope-nope-1'/],
        [`/v1/teams/other-team/projects/${SEED.projectId}/services`, /Team 'other-team'/],
        ['/v1/no-such-endpoint', /No such endpoint: GET \/v1\/no-such-endpoint/],
      ];
      for (const [path, message] of cases) {
        const answer = await call('GET', path);
        assert.equal(answer.status, 404, path);
        assert.match(answer.json.error.message, message);
      }
    });

    it('serves the same endpoints under /v1/teams/{teamId}/', async () => {
      const answer = await call('GET', `/v1/teams/emulator-team/projects/${SEED.projectId}/services`);

      assert.equal(answer.status, 200);
      assert.equal(answer.json.data.services.length, 3);
    });
  });

  describe('start build validation', () => {
    const refusals: [string, string, unknown, string[]][] = [
      ['a sha that is not 40 characters', COMBINED, { sha: SHA.slice(1) }, ['sha']],
      ['a Dockerfile path with a .. segment', COMBINED, { overrides: { docker: { dockerFilePath: '/app/../Dockerfile' } } }, ['overrides.docker.dockerFilePath']],
      ['a work dir made of a . segment', COMBINED, { overrides: { docker: { dockerWorkDir: '/.' } } }, ['overrides.docker.dockerWorkDir']],
      ['a target with a space', COMBINED, { overrides: { docker: { dockerfileTarget: 'my stage' } } }, ['overrides.docker.dockerfileTarget']],
      ['an unknown top-level field', COMBINED, { sha: SHA, ref: 'main' }, ['ref']],
      ['a branch on a combined service', COMBINED, { branch: 'main' }, ['branch']],
      ['a pull request on a combined service', COMBINED, { pullRequestId: 12 }, ['pullRequestId']],
      ['a build service body with neither branch nor pull request', BUILDER, {}, ['branch', 'pullRequestId']],
      ['a build service body with both branch and pull request', BUILDER, { branch: 'main', pullRequestId: 12 }, ['branch', 'pullRequestId']],
      ['a pull request id that is not a number', BUILDER, { pullRequestId: '12a' }, ['pullRequestId']],
      ['a bundle URL that is not a URL', COMBINED, { bundleUrl: 'archive.tar' }, ['bundleUrl']],
      ['an unknown branch of a build service', BUILDER, { branch: 'no-such-branch' }, ['branch']],
      ['an unknown pull request of a build service', BUILDER, { pullRequestId: 99 }, ['pullRequestId']],
    ];
    for (const [what, path, body, fields] of refusals) {
      it(`refuses ${what} with 400, naming ${fields.join(' and ')} in details`, async () => {
        const answer = await startBuild(path, body);

        assert.equal(answer.status, 400, answer.text);
        assert.equal(answer.json.error.status, 400);
        assert.deepEqual(Object.keys(answer.json.error.details).sort(), [...fields].sort());
        for (const field of fields) assert.ok(answer.json.error.message.includes(field), answer.json.error.message);
        assert.equal(emulator.state.builds.length, SEEDED_BUILDS, 'no build was created');
      });
    }

    it('accepts the documented good values: nested paths, a root work dir, a target, build arguments', async () => {
      const docker = { dockerFilePath: '/services/api.v2/Dockerfile', dockerWorkDir: '/services/', dockerfileTarget: 'run-time_2' };
      const answer = await startBuild(COMBINED, { sha: SHA, overrides: { docker, buildArguments: { NODE_ENV: 'production' } } });

      assert.equal(answer.status, 200, answer.text);
      assert.deepEqual(emulator.state.builds.at(-1)?.dockerfile, docker);
    });

    it('refuses to build a deployment service with a clear message', async () => {
      const answer = await startBuild(`/v1/projects/${SEED.projectId}/services/${SEED.deploymentServiceId}`, {});

      assert.equal(answer.status, 400);
      assert.match(answer.json.error.message, /deployment service and cannot be built/);
    });

    it('requires a bundleUrl for a service that builds from bundles', async () => {
      const seed = defaultSeed();
      seed.services.push({ projectId: SEED.projectId, id: 'bundled', name: 'Bundled', serviceType: 'combined', buildSource: 'bundle' });
      await restart({ seed });

      const answer = await startBuild(`/v1/projects/${SEED.projectId}/services/bundled`, {});

      assert.equal(answer.status, 400);
      assert.deepEqual(Object.keys(answer.json.error.details), ['bundleUrl']);
    });

    it('refuses a body that is not JSON', async () => {
      const response = await fetch(`${emulator.url}${COMBINED}/build`, { method: 'POST', headers: { authorization: `Bearer ${TOKENS.full}` }, body: '{sha:' });

      assert.equal(response.status, 400);
    });
  });

  describe('builds', () => {
    it('builds the head of the linked branch when a combined service gets an empty body', async () => {
      const answer = await startBuild(COMBINED, {});

      assert.equal(answer.status, 200);
      const build = answer.json.data;
      assert.match(build.id, /^[a-z]+-[a-z]+-\d{4}$/);
      assert.equal(build.branch, 'main');
      assert.equal(build.sha, '4f2c8e1a9b7d6c5e3f1a2b4c6d8e0f1a3b5c7d9e', 'the seeded head of main');
      assert.equal(build.status, 'PENDING');
      assert.equal(build.concluded, false);
      assert.equal(build.createdAt, new Date(clock.now()).toISOString());
      assert.ok(build.registry.uri);
    });

    it('builds a pull request given as a string of digits from its source branch', async () => {
      const answer = await startBuild(BUILDER, { pullRequestId: '12' });

      assert.equal(answer.status, 200, answer.text);
      assert.equal(answer.json.data.pullRequestId, 12);
      assert.equal(answer.json.data.branch, 'feature/login');
      assert.equal(answer.json.data.sha, 'b7e3c1d9f2a84e6b0c5d7f9a1e3b5c7d9f2a4e6b');
    });

    it('moves through the documented statuses as the clock advances, then concludes with SUCCESS', async () => {
      const { id } = (await startBuild(COMBINED, { sha: SHA })).json.data;
      const seen: string[] = [];
      for (let step = 0; step < 10; step++) {
        const build = (await call('GET', `${COMBINED}/build/${id}`)).json.data;
        if (seen.at(-1) !== build.status) seen.push(build.status);
        clock.advance(20);
      }
      const done = (await call('GET', `${COMBINED}/build/${id}`)).json.data;

      assert.deepEqual(seen, ['QUEUED', 'STARTING', 'CLONING', 'BUILDING', 'UPLOADING', 'SUCCESS']);
      assert.equal(done.concluded, true);
      assert.equal(done.success, true);
      assert.equal(done.message, 'Image successfully built');
      assert.equal(done.buildConcludedAt, Math.floor((Date.parse(done.createdAt) + 150) / 1000), 'unix seconds');
    });

    it('ends builds of a sha marked with failSha, or listed in the seed, in FAILURE', async () => {
      emulator.failSha(SHA);
      const seed = defaultSeed();
      seed.failingShas = [SHA];
      const fromSeed = await startEmulator({ clock, seed });
      try {
        for (const url of [emulator.url, fromSeed.url]) {
          const headers = { authorization: `Bearer ${TOKENS.full}` };
          const started = await fetch(`${url}${COMBINED}/build`, { method: 'POST', headers, body: JSON.stringify({ sha: SHA }) });
          const { id } = ((await started.json()) as { data: { id: string } }).data;
          clock.advance(1000);
          const build = ((await (await fetch(`${url}${COMBINED}/build/${id}`, { headers })).json()) as { data: Record<string, unknown> }).data;
          assert.deepEqual([build.status, build.concluded, build.success], ['FAILURE', true, false]);
        }
      } finally {
        await fromSeed.stop();
      }
    });

    it('aborts a running build, which then stays ABORTED; a concluded build cannot be aborted', async () => {
      const { id } = (await startBuild(COMBINED, {})).json.data;
      clock.advance(50);

      const aborted = await call('DELETE', `${COMBINED}/build/${id}`);
      clock.advance(1000);
      const build = (await call('GET', `${COMBINED}/build/${id}`)).json.data;

      assert.deepEqual([aborted.status, aborted.json], [200, { data: {} }]);
      assert.deepEqual([build.status, build.concluded, build.success], ['ABORTED', true, false]);
      assert.equal(build.buildConcludedAt, Math.floor((Date.parse(build.createdAt) + 50) / 1000));
      assert.equal((await call('DELETE', `${COMBINED}/build/${id}`)).status, 409);
    });

    it('serves seeded builds in any of the 13 documented statuses, concluded only when finished', async () => {
      const statuses = ['QUEUED', 'PENDING', 'UNSCHEDULABLE', 'STARTING', 'CLONING', 'BUILDING', 'UPLOADING', 'ABORTED', 'FAILURE', 'SUBMISSION_FAILURE', 'SUCCESS', 'CRASHED', 'IN_PROGRESS'] as const;
      const seed = defaultSeed();
      seed.builds = statuses.map((status, index) => ({ id: `held-build-${1000 + index}`, projectId: SEED.projectId, serviceId: SEED.combinedServiceId, sha: SHA, status, createdAt: '2025-05-01T10:00:00.000Z' }));
      await restart({ seed });

      const builds = (await call('GET', `${COMBINED}/build?per_page=20`)).json.data.builds.reverse();
      const aborted = await call('DELETE', `${COMBINED}/build/held-build-1002`);

      assert.deepEqual(builds.map((build: { status: string }) => build.status), [...statuses]);
      const concluded = builds.filter((build: { concluded: boolean }) => build.concluded).map((build: { status: string }) => build.status);
      assert.deepEqual(concluded, ['ABORTED', 'FAILURE', 'SUBMISSION_FAILURE', 'SUCCESS', 'CRASHED']);
      assert.equal(aborted.status, 200);
      assert.equal((await call('GET', `${COMBINED}/build/held-build-1002`)).json.data.status, 'ABORTED');
    });

    it('lists builds newest first, page by page, and shows the latest in the service status', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.unshift((await startBuild(COMBINED, {})).json.data.id);
      const listed: string[] = [];
      let answer = await call('GET', `${COMBINED}/build?per_page=2`);
      for (;;) {
        listed.push(...answer.json.data.builds.map((build: { id: string }) => build.id));
        assert.equal(answer.json.pagination.count, answer.json.data.builds.length);
        if (!answer.json.pagination.hasNextPage) break;
        answer = await call('GET', `${COMBINED}/build?per_page=2&cursor=${answer.json.pagination.cursor}`);
      }
      const services = (await call('GET', `/v1/projects/${SEED.projectId}/services`)).json.data.services;

      assert.deepEqual(listed, [...ids, 'quiet-meadow-4410', 'steady-river-1021']);
      assert.equal('cursor' in answer.json.pagination, false, 'the last page has no cursor');
      assert.deepEqual((await call('GET', `${COMBINED}/build?per_page=1&page=2`)).json.data.builds[0].id, ids[1]);
      assert.equal(services.find((service: { id: string }) => service.id === SEED.combinedServiceId).status.build.status, 'QUEUED');
      for (const bad of ['per_page=0', 'per_page=101', 'page=0', 'cursor=nonsense']) {
        assert.equal((await call('GET', `${COMBINED}/build?${bad}`)).status, 400, bad);
      }
    });
  });

  describe('build logs', () => {
    it('returns more lines as the build runs, honouring lineLimit, direction and the time range', async () => {
      const { id, createdAt } = (await startBuild(COMBINED, {})).json.data;
      const logs = async (query = '') => (await call('GET', `${COMBINED}/build-logs?queryType=range&buildId=${id}${query}`)).json;

      const early = (await logs()).data;
      clock.advance(1000);
      const late = await logs();
      const lastTwo = (await logs('&lineLimit=2&direction=backward')).data;
      const window = (await logs(`&startTime=${createdAt}&endTime=${new Date(Date.parse(createdAt) + 40).toISOString()}`)).data;

      assert.equal(early.length, 1);
      assert.deepEqual(Object.keys(early[0]).sort(), ['containerId', 'log', 'ts']);
      assert.ok(late.data.length > 10);
      assert.match(late.data.at(-1).log, /Image successfully built/);
      assert.deepEqual(lastTwo, late.data.slice(-2).reverse());
      assert.ok(window.length > 1 && window.length < late.data.length);
      assert.equal((await call('GET', `${COMBINED}/build-logs?queryType=range&buildId=nope-nope-1`)).status, 404);
    });
  });

  describe('rate limit', () => {
    it('sends the limit headers on every answer and 429 in the error shape once the limit is used', async () => {
      await restart({ rateLimit: { limit: 2, windowSeconds: 60 } });
      const first = await call('GET', '/v1/projects');
      const second = await call('GET', '/v1/nope');
      const third = await call('GET', '/v1/projects');
      const otherToken = await call('GET', '/v1/projects', undefined, TOKENS.noDeploy);
      clock.advance(60_000);
      const afterReset = await call('GET', '/v1/projects');

      assert.deepEqual(
        [first, second, third].map((answer) => answer.headers.get('x-ratelimit-remaining')),
        ['1', '0', '0'],
      );
      assert.equal(first.headers.get('x-ratelimit-limit'), '2');
      assert.equal(first.headers.get('x-ratelimit-reset'), '60');
      assert.deepEqual([third.status, third.json.error.status], [429, 429]);
      assert.equal(otherToken.status, 200, 'counted per token');
      assert.equal(afterReset.status, 200);
    });
  });

  describe('fault injection', () => {
    it('delays, fails with 500, answers an HTML 502, resets the connection or breaks the JSON, for the next matching requests', async () => {
      emulator.inject({ kind: 'delay', ms: 100, path: '/v1/projects' });
      const started = Date.now();
      assert.equal((await call('GET', '/v1/projects')).status, 200);
      assert.ok(Date.now() - started >= 95, 'delayed');

      emulator.inject({ kind: 'status500', count: 2, method: 'GET' });
      assert.deepEqual([(await call('GET', '/v1/projects')).json.error.status, (await call('GET', '/v1/auth')).status], [500, 500]);

      emulator.inject({ kind: 'html502', path: /\/build$/ });
      const gateway = await startBuild(COMBINED, {});
      assert.deepEqual([gateway.status, gateway.headers.get('content-type')], [502, 'text/html']);
      assert.match(gateway.text, /<html>/);

      emulator.inject({ kind: 'reset' });
      await assert.rejects(call('GET', '/v1/projects'));

      emulator.inject({ kind: 'malformedJson' });
      const broken = await call('GET', '/v1/projects');
      assert.deepEqual([broken.status, broken.json], [200, undefined]);

      assert.equal((await call('GET', '/v1/projects')).status, 200, 'the faults are used up');
      assert.equal(emulator.requests.length, 7, 'faulted requests are recorded too');
      assert.equal(emulator.state.builds.length, SEEDED_BUILDS, 'a faulted start build creates nothing');
    });

    it('forgets injected faults on clearFaults', async () => {
      emulator.inject({ kind: 'status500', count: 5 });
      emulator.clearFaults();

      assert.equal((await call('GET', '/v1/projects')).status, 200);
    });
  });

  it('records each request with its query, lower-case headers with the token redacted, and parsed body', async () => {
    await call('GET', `${COMBINED}/build?per_page=5`);
    await startBuild(COMBINED, { sha: SHA });
    await fetch(`${emulator.url}/v1/projects`, { method: 'POST', body: 'not json' });

    const [list, start, raw] = emulator.requests;
    assert.deepEqual([list.method, list.path, list.query, list.body], ['GET', `${COMBINED}/build`, { per_page: '5' }, undefined]);
    assert.equal(list.headers.authorization, 'Bearer <redacted>');
    assert.equal(list.headers['content-type'], 'application/json');
    assert.ok(!JSON.stringify(emulator.requests).includes(TOKENS.full));
    assert.deepEqual(start.body, { sha: SHA });
    assert.equal(start.at, clock.now());
    assert.equal(raw.body, 'not json');
  });
});
