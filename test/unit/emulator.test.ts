import { ApiClient, ApiClientInMemoryContextProvider } from '@northflank/js-client';
import assert from 'node:assert/strict';
import { type Emulator, type EmulatorOptions, MONOREPO, SEED, startEmulator, TOKENS } from '../emulator';
import { SimulatedClock } from '../emulator/simulatedClock';
import { defaultSeed } from '../emulator/seed';

const COMBINED = `/v1/projects/${SEED.projectId}/services/${SEED.combinedServiceId}`;
const BUILDER = `/v1/projects/${SEED.projectId}/services/${SEED.buildServiceId}`;
const SHA = 'e83c5163316f89bfbde7d9ab23ca2e25604af290';
const DEPLOY_BUILD = 'Project > Services > Deployment > Deploy Build';
const SEEDED_BUILDS = defaultSeed().builds?.length;
const DEPLOY_JOB_BUILD = 'Project > Jobs > Deployment > Deploy Build';
const SHOP = `/v1/projects/${MONOREPO.projectId}`;
const MIGRATE = `${SHOP}/jobs/${MONOREPO.migrateJobId}`;
const REPORT = `${SHOP}/jobs/${MONOREPO.nightlyReportJobId}`;
const DOCS = `${SHOP}/services/${MONOREPO.docsServiceId}`;

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

  /** The official client's tail (it bundles its own WebSocket), collecting the log texts it receives. */
  async function jobLogTail(parameters: { projectId: string; jobId: string }, buildId: string) {
    const contexts = new ApiClientInMemoryContextProvider();
    await contexts.addContext({ name: 'emulator', token: TOKENS.full, host: emulator.url });
    const client = await new ApiClient(contexts).get.job.buildLogTail({ parameters, options: { buildId } });
    const lines: string[] = [];
    client.on('logs-received', (batch: { log: string }[]) => lines.push(...batch.map((line) => line.log)));
    client.on('error', () => undefined);
    const finished = client.start();
    finished.catch(() => undefined);
    const until = async (condition: (seen: string[]) => boolean, what: string) => {
      for (const deadline = Date.now() + 3_000; !condition(lines); ) {
        if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    };
    return { lines, finished, until };
  }

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

  describe('services', () => {
    it('shows a service\'s ports and cluster, which GetServiceResult requires: public HTTP for combined, none for a build service', async () => {
      const web = (await call('GET', COMBINED)).json.data;
      const builder = (await call('GET', BUILDER)).json.data;
      const database = (await call('GET', `/v1/projects/${SEED.projectId}/services/${SEED.deploymentServiceId}`)).json.data;

      assert.deepEqual(
        web.ports.map((port: { name: string; internalPort: number; protocol: string; public: boolean; domains: unknown[] }) => [port.name, port.internalPort, port.protocol, port.public, port.domains]),
        [['p01', 8080, 'HTTP', true, []]],
      );
      assert.match(web.ports[0].dns, /^p01--web-combined--default-project--/);
      assert.deepEqual(builder.ports, []);
      assert.deepEqual(
        database.ports.map((port: { internalPort: number; protocol: string; public: boolean }) => [port.internalPort, port.protocol, port.public]),
        [[5432, 'TCP', false]],
      );
      assert.deepEqual(web.cluster, { id: 'nf-europe-west', name: 'nf-europe-west', namespace: `ns-${SEED.projectId}` });
      assert.deepEqual(builder.cluster, web.cluster);
    });
  });

  describe('sparse build answers', () => {
    it('leaves out every field js-client marks optional from build answers, or all but the ones it keeps', async () => {
      await restart({ sparse: true });
      const started = (await startBuild(COMBINED, {})).json.data;
      const got = (await call('GET', `${COMBINED}/build/${started.id}`)).json.data;
      const listed = (await call('GET', `${COMBINED}/build`)).json.data.builds;
      assert.deepEqual(Object.keys(started), ['id']);
      assert.deepEqual(got, { id: started.id });
      assert.ok(listed.every((build: object) => Object.keys(build).join() === 'id'), JSON.stringify(listed));

      emulator.setSparse({ keep: ['status'] });
      clock.advance(10_000);
      assert.deepEqual((await call('GET', `${COMBINED}/build/${started.id}`)).json.data, { id: started.id, status: 'SUCCESS' });
      assert.deepEqual(Object.keys((await startBuild(COMBINED, {})).json.data), ['id', 'status']);

      emulator.setSparse(false);
      const full = (await call('GET', `${COMBINED}/build/${started.id}`)).json.data;
      assert.deepEqual([full.concluded, full.success, typeof full.buildConcludedAt], [true, true, 'number']);
    });

    it('keeps the rest of the answers whole', async () => {
      await restart({ sparse: true });
      const service = (await call('GET', COMBINED)).json.data;
      assert.equal(service.status.build.status, 'SUCCESS');
      assert.equal(typeof service.createdAt, 'string');
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

  describe('jobs', () => {
    it('lists a project\'s jobs with exactly the ListJobsResult fields, no status, page by page', async () => {
      const answer = await call('GET', `${SHOP}/jobs`);
      const firstPage = await call('GET', `${SHOP}/jobs?per_page=1`);
      const secondPage = await call('GET', `${SHOP}/jobs?per_page=1&cursor=${firstPage.json.pagination.cursor}`);

      assert.equal(answer.status, 200);
      const [migrate, report] = answer.json.data.jobs;
      assert.deepEqual(migrate, {
        id: MONOREPO.migrateJobId,
        projectId: MONOREPO.projectId,
        appId: `/emulator-team/${MONOREPO.projectId}/${MONOREPO.migrateJobId}`,
        name: 'Migrate',
        tags: [],
        jobType: 'manual',
        disabledCI: false,
        disabledCD: false,
      });
      assert.deepEqual([report.id, report.jobType, report.suspended, 'status' in report], [MONOREPO.nightlyReportJobId, 'cron', false, false]);
      assert.deepEqual([firstPage.json.data.jobs[0].id, secondPage.json.data.jobs[0].id], [MONOREPO.migrateJobId, MONOREPO.nightlyReportJobId]);
      assert.deepEqual(secondPage.json.pagination, { hasNextPage: false, count: 1 });
      assert.deepEqual((await call('GET', `/v1/projects/${SEED.projectId}/jobs`)).json.data.jobs, []);
    });

    it('shows a job\'s repository, branch, Dockerfile and run settings where GetJobResult puts them', async () => {
      const migrate = (await call('GET', MIGRATE)).json.data;
      const report = (await call('GET', REPORT)).json.data;

      assert.deepEqual(migrate.vcsData, {
        projectUrl: MONOREPO.repositoryUrl,
        projectType: 'github',
        projectBranch: 'main',
        publicRepo: false,
        dockerFilePath: '/jobs/migrate/Dockerfile',
        dockerWorkDir: '/',
      });
      assert.deepEqual(migrate.buildSettings.dockerfile, { buildEngine: 'buildkit', dockerFilePath: '/jobs/migrate/Dockerfile', dockerWorkDir: '/', useCache: true });
      assert.equal(migrate.buildEngineConfiguration.buildEngine, 'buildkit');
      assert.deepEqual(migrate.buildConfiguration.pathIgnoreRules, []);
      assert.ok(migrate.buildConfiguration.ciIgnoreFlags.includes('[skip ci]'));
      assert.deepEqual([migrate.settings.backoffLimit, migrate.settings.activeDeadlineSeconds, migrate.settings.cron], [0, 600, undefined]);
      assert.equal(typeof migrate.createdAt, 'string');
      assert.deepEqual([migrate.billing.deploymentPlan, typeof migrate.cluster.id], ['nf-compute-20', 'string']);
      assert.equal(report.vcsData.projectUrl, 'https://github.com/example-org/reports');
      assert.deepEqual(report.settings.cron, { schedule: '0 2 * * *', concurrencyPolicy: 'Forbid' });
    });

    it('builds the head of the job\'s branch from an empty body, the same commit its repository\'s services see', async () => {
      const mainHead = (await call('GET', `${SHOP}/services/${MONOREPO.apiServiceId}/branches`)).json.data.branches[0].commit.sha;

      const started = await startBuild(MIGRATE, {});

      assert.equal(started.status, 200, started.text);
      const build = started.json.data;
      assert.deepEqual([build.branch, build.sha, build.pullRequestId, build.status, build.concluded], ['main', mainHead, null, 'PENDING', false]);
      assert.match(build.id, /^[a-z]+-[a-z]+-\d{4}$/);
      assert.deepEqual(emulator.state.builds.at(-1)?.parent, { kind: 'job', id: MONOREPO.migrateJobId });
      assert.deepEqual(emulator.state.builds.at(-1)?.dockerfile, { dockerFilePath: '/jobs/migrate/Dockerfile', dockerWorkDir: '/', dockerfileTarget: undefined });
    });

    it('builds the sha a job build body names, with Dockerfile overrides', async () => {
      const docker = { dockerFilePath: '/jobs/migrate/Dockerfile.debug', dockerWorkDir: '/jobs/migrate', dockerfileTarget: 'debug' };
      const answer = await startBuild(MIGRATE, { sha: SHA, overrides: { docker, buildArguments: { DRY_RUN: 'true' } } });

      assert.equal(answer.status, 200, answer.text);
      assert.deepEqual([answer.json.data.sha, answer.json.data.branch], [SHA, 'main']);
      assert.deepEqual(emulator.state.builds.at(-1)?.dockerfile, docker);
    });

    const refusals: [string, unknown, string[]][] = [
      ['a branch, which a job does not choose', { branch: 'main' }, ['branch']],
      ['a pull request, which a job does not build', { pullRequestId: 7 }, ['pullRequestId']],
      ['a bundle URL, since a job builds from git', { bundleUrl: 'https://example.com/archive.tar' }, ['bundleUrl']],
      ['a sha that is not 40 characters', { sha: SHA.slice(2) }, ['sha']],
      ['a sha that is not hexadecimal', { sha: 'z'.repeat(40) }, ['sha']],
      ['a Dockerfile path with a .. segment', { overrides: { docker: { dockerFilePath: '/jobs/../Dockerfile' } } }, ['overrides.docker.dockerFilePath']],
      ['an unknown field', { ref: 'main' }, ['ref']],
    ];
    for (const [what, body, fields] of refusals) {
      it(`refuses a job build body with ${what} with 400, naming ${fields.join(' and ')} in details`, async () => {
        const answer = await startBuild(MIGRATE, body);

        assert.equal(answer.status, 400, answer.text);
        assert.deepEqual(Object.keys(answer.json.error.details), fields);
        for (const field of fields) assert.ok(answer.json.error.message.includes(field), answer.json.error.message);
        assert.equal(emulator.state.builds.length, SEEDED_BUILDS, 'no build was created');
      });
    }

    it('walks a job build through the documented statuses to SUCCESS, like a service build', async () => {
      const { id } = (await startBuild(MIGRATE, {})).json.data;
      const seen: string[] = [];
      for (let step = 0; step < 10; step++) {
        const build = (await call('GET', `${MIGRATE}/build/${id}`)).json.data;
        if (seen.at(-1) !== build.status) seen.push(build.status);
        clock.advance(20);
      }
      const done = (await call('GET', `${MIGRATE}/build/${id}`)).json.data;

      assert.deepEqual(seen, ['QUEUED', 'STARTING', 'CLONING', 'BUILDING', 'UPLOADING', 'SUCCESS']);
      assert.deepEqual([done.concluded, done.success, done.message], [true, true, 'Image successfully built']);
      assert.equal(done.buildConcludedAt, Math.floor((Date.parse(done.createdAt) + 150) / 1000));
    });

    it('lists a job\'s builds newest first, and only its own', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.unshift((await startBuild(MIGRATE, {})).json.data.id);
      await startBuild(`${SHOP}/services/${MONOREPO.apiServiceId}`, {});

      const first = await call('GET', `${MIGRATE}/build?per_page=2`);
      const second = await call('GET', `${MIGRATE}/build?per_page=2&cursor=${first.json.pagination.cursor}`);

      assert.deepEqual([...first.json.data.builds, ...second.json.data.builds].map((build: { id: string }) => build.id), ids);
      assert.deepEqual(first.json.pagination.count, 2);
      assert.deepEqual(second.json.pagination, { hasNextPage: false, count: 1 });
    });

    it('aborts a running job build, which then stays ABORTED; a concluded one answers 409', async () => {
      const { id } = (await startBuild(MIGRATE, {})).json.data;
      clock.advance(50);

      const aborted = await call('DELETE', `${MIGRATE}/build/${id}`);
      clock.advance(1000);
      const build = (await call('GET', `${MIGRATE}/build/${id}`)).json.data;
      const again = await call('DELETE', `${MIGRATE}/build/${id}`);

      assert.deepEqual([aborted.status, aborted.json], [200, { data: {} }]);
      assert.deepEqual([build.status, build.concluded, build.success], ['ABORTED', true, false]);
      assert.equal(again.status, 409);
      assert.match(again.json.error.message, /already concluded with status ABORTED/);
    });

    it('serves a job build\'s log lines by range as they are written', async () => {
      const { id } = (await startBuild(MIGRATE, {})).json.data;
      const logs = async () => (await call('GET', `${MIGRATE}/build-logs?queryType=range&buildId=${id}`)).json.data;

      const early = await logs();
      clock.advance(1000);
      const late: { log: string }[] = await logs();

      assert.equal(early.length, 1);
      assert.ok(late.length > 10);
      assert.ok(late.some((line) => line.log.includes(`Cloning ${MONOREPO.repositoryUrl}`)));
      assert.ok(late.some((line) => line.log.includes('Using Dockerfile /jobs/migrate/Dockerfile with build context /')));
      assert.match(late.at(-1)?.log ?? '', /Image successfully built/);
      assert.equal((await call('GET', `${MIGRATE}/build-logs?queryType=range&buildId=quiet-meadow-4410`)).status, 404, 'a service build is not the job\'s');
    });

    it('tails a job build over the WebSocket at the same path: the lines of the range query, then closes as it concludes', async () => {
      const { id } = (await startBuild(MIGRATE, {})).json.data;
      clock.advance(50);
      const tail = await jobLogTail({ projectId: MONOREPO.projectId, jobId: MONOREPO.migrateJobId }, id);

      await tail.until((lines) => lines.length > 0, 'the replay arrives');
      clock.advance(1000);
      await tail.finished;

      const stored = (await call('GET', `${MIGRATE}/build-logs?queryType=range&buildId=${id}`)).json.data.map((line: { log: string }) => line.log);
      assert.deepEqual(tail.lines, stored);
      const upgrade = emulator.requests.find((request) => request.query.queryType === 'tail');
      assert.equal(upgrade?.path, `${MIGRATE}/build-logs`);
    });

    it('refuses to tail the builds of an unknown job, naming it', async () => {
      const tail = await jobLogTail({ projectId: MONOREPO.projectId, jobId: 'no-such-job' }, 'nope-nope-1');

      await assert.rejects(tail.finished, /Job 'no-such-job' not found in project 'shop'/);
    });

    it('answers 403 naming Jobs Deploy Build when the noDeploy token starts, gets or aborts a job build, yet lets it list them', async () => {
      const { id } = (await startBuild(MIGRATE, {})).json.data;

      const denied = [
        await startBuild(MIGRATE, {}, TOKENS.noDeploy),
        await call('GET', `${MIGRATE}/build/${id}`, undefined, TOKENS.noDeploy),
        await call('DELETE', `${MIGRATE}/build/${id}`, undefined, TOKENS.noDeploy),
      ];

      for (const answer of denied) {
        assert.equal(answer.status, 403);
        assert.ok(answer.json.error.message.includes(DEPLOY_JOB_BUILD), answer.json.error.message);
        assert.equal(answer.json.error.details.requiredPermission, DEPLOY_JOB_BUILD);
      }
      assert.equal((await call('GET', `${MIGRATE}/build`, undefined, TOKENS.noDeploy)).status, 200);
      assert.equal((await call('GET', MIGRATE, undefined, TOKENS.noDeploy)).status, 200);
    });

    it('answers 404 naming an unknown job, or a build that is not the job\'s', async () => {
      const cases: [string, RegExp, Record<string, string>][] = [
        [`${SHOP}/jobs/no-such-job`, /Job 'no-such-job' not found in project 'shop'/, { jobId: 'no-such-job' }],
        [`${SHOP}/jobs/no-such-job/build`, /Job 'no-such-job'/, { jobId: 'no-such-job' }],
        [`${SHOP}/jobs/no-such-job/build-logs?queryType=range`, /Job 'no-such-job'/, { jobId: 'no-such-job' }],
        [`${MIGRATE}/build/golden-orchard-3141`, /Build 'golden-orchard-3141' not found for job 'migrate'/, { buildId: 'golden-orchard-3141' }],
      ];
      for (const [path, message, details] of cases) {
        const answer = await call('GET', path);
        assert.equal(answer.status, 404, path);
        assert.match(answer.json.error.message, message);
        assert.deepEqual(answer.json.error.details, details);
      }
    });

    it('serves the job routes under /v1/teams/{teamId}/ too', async () => {
      const team = `/v1/teams/emulator-team/projects/${MONOREPO.projectId}/jobs`;

      const list = await call('GET', team);
      const started = await startBuild(`${team}/${MONOREPO.migrateJobId}`, {});
      const build = await call('GET', `${team}/${MONOREPO.migrateJobId}/build/${started.json.data.id}`);

      assert.equal(list.json.data.jobs.length, 2);
      assert.equal(started.status, 200);
      assert.equal(build.json.data.id, started.json.data.id);
      assert.equal((await call('GET', `/v1/teams/other-team/projects/${MONOREPO.projectId}/jobs`)).status, 404);
    });
  });

  describe('the shop monorepo and buildpack builds', () => {
    it('seeds project shop with its services, CI off for docs only, and a failed web and a good api build', async () => {
      const services = (await call('GET', `${SHOP}/services`)).json.data.services;
      const pullRequests = (await call('GET', `${SHOP}/services/${MONOREPO.webPreviewsServiceId}/pull-requests`)).json.data.pullRequests;
      const web = (await call('GET', `${SHOP}/services/${MONOREPO.webServiceId}/build`)).json.data.builds;
      const api = (await call('GET', `${SHOP}/services/${MONOREPO.apiServiceId}`)).json.data;

      assert.deepEqual(
        services.map((service: { id: string; serviceType: string; disabledCI: boolean }) => [service.id, service.serviceType, service.disabledCI]),
        [
          ['api', 'combined', false],
          ['web', 'combined', false],
          ['web-previews', 'build', false],
          ['docs', 'combined', true],
          ['shop-db', 'deployment', false],
        ],
      );
      assert.deepEqual(pullRequests.map((pr: { id: number; source: string; destination: string }) => [pr.id, pr.source, pr.destination]), [[7, 'feature/login', 'main']]);
      assert.deepEqual([web[0].status, web[0].concluded], ['FAILURE', true]);
      assert.equal(api.status.build.status, 'SUCCESS');
      assert.deepEqual([api.buildSettings.dockerfile.dockerFilePath, api.buildSettings.dockerfile.dockerWorkDir, api.buildConfiguration.dockerfileTarget], ['/services/api/Dockerfile', '/services/api', 'runtime']);
    });

    it('shows a buildpack service\'s builder and context, no Dockerfile settings, and the API\'s default Dockerfile still in vcsData', async () => {
      const docs = (await call('GET', DOCS)).json.data;

      assert.deepEqual(docs.buildEngineConfiguration, { buildEngine: 'buildpack', buildpack: { builder: 'HEROKU_24', buildpackLocators: [], useCache: true } });
      assert.deepEqual(docs.buildSettings, { buildpack: { builder: 'HEROKU_24', buildpackLocators: [], buildContext: '/docs', useCache: true } });
      assert.deepEqual([docs.vcsData.dockerFilePath, docs.vcsData.dockerWorkDir], ['/Dockerfile', '/']);
      assert.equal('dockerfileTarget' in docs.buildConfiguration, false);
      assert.equal((await call('GET', REPORT)).json.data.buildEngineConfiguration.buildEngine, 'buildpack');
    });

    for (const [what, path, id] of [
      ['service', DOCS, MONOREPO.docsServiceId],
      ['job', REPORT, MONOREPO.nightlyReportJobId],
    ] as const) {
      it(`refuses overrides.docker for a buildpack ${what} with 400 naming overrides.docker, yet builds it with build arguments`, async () => {
        const refused = await startBuild(path, { overrides: { docker: { dockerfileTarget: 'runtime' }, buildArguments: { LOCALE: 'en' } } });
        const accepted = await startBuild(path, { overrides: { buildArguments: { LOCALE: 'en' } } });
        clock.advance(1000);
        const logs = (await call('GET', `${path}/build-logs?queryType=range&buildId=${accepted.json.data.id}`)).json.data.map((line: { log: string }) => line.log);

        assert.equal(refused.status, 400);
        assert.deepEqual(refused.json.error.details, { 'overrides.docker': `applies only to Dockerfile builds; ${id} builds with buildpacks` });
        assert.equal(accepted.status, 200, accepted.text);
        const record = emulator.state.builds.at(-1);
        assert.deepEqual([record?.buildpack?.builder, record?.dockerfile], ['HEROKU_24', undefined]);
        assert.ok(logs.some((line: string) => line.includes('Using buildpacks builder HEROKU_24')), logs.join('\n'));
      });
    }
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

  it('records the JSON answers it sends, errors included, only when asked to', async () => {
    await call('GET', '/v1/projects');
    assert.equal(emulator.answers.length, 0, 'not recorded by default');

    await restart({ recordAnswers: true });
    const listed = await call('GET', '/v1/projects');
    await call('GET', `${COMBINED}/build/no-such-build`);
    emulator.inject({ kind: 'status500' });
    await call('GET', '/v1/projects');

    assert.deepEqual(
      emulator.answers.map((answer) => [answer.method, answer.path, answer.status]),
      [
        ['GET', '/v1/projects', 200],
        ['GET', `${COMBINED}/build/no-such-build`, 404],
      ],
      'injected faults are not answers of the emulator',
    );
    assert.deepEqual(emulator.answers[0].body, listed.json);
  });
});
