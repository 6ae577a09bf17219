import { ApiClient, ApiClientInMemoryContextProvider, NorthflankApiCallError } from '@northflank/js-client';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type Emulator, MONOREPO, SEED, startEmulator, TOKENS } from '../emulator';
import { SimulatedClock } from '../emulator/simulatedClock';

const DEPLOY_BUILD = 'Project > Services > Deployment > Deploy Build';
const DEPLOY_JOB_BUILD = 'Project > Jobs > Deployment > Deploy Build';
const combined = { projectId: SEED.projectId, serviceId: SEED.combinedServiceId };
const builder = { projectId: SEED.projectId, serviceId: SEED.buildServiceId };

type Kind = 'string' | 'number' | 'boolean' | 'object' | 'null';

/** Checks that each listed field is present with one of the given JSON types. */
function assertShape(value: unknown, shape: Record<string, Kind | Kind[]>, where: string): void {
  assert.ok(typeof value === 'object' && value !== null, `${where} is an object`);
  for (const [field, kinds] of Object.entries(shape)) {
    const actual = (value as Record<string, unknown>)[field];
    const kind = actual === null ? 'null' : typeof actual;
    assert.ok(([] as string[]).concat(kinds).includes(kind), `${where}.${field} is ${String(kinds)}, got ${JSON.stringify(actual)}`);
  }
}

const BUILD_SHAPE: Record<string, Kind | Kind[]> = {
  id: 'string',
  branch: 'string',
  pullRequestId: ['number', 'null'],
  sha: 'string',
  status: 'string',
  concluded: 'boolean',
  success: 'boolean',
  message: ['string', 'null'],
  createdAt: 'string',
  registry: 'object',
};

describe('Contract: the official @northflank/js-client 0.9.5 cannot tell the emulator from Northflank', () => {
  let emulator: Emulator;
  let api: ApiClient;
  const clock = new SimulatedClock();

  async function clientFor(token: string, throwErrorOnHttpErrorCode = false): Promise<ApiClient> {
    const contexts = new ApiClientInMemoryContextProvider();
    await contexts.addContext({ name: 'emulator', token, host: emulator.url });
    return new ApiClient(contexts, { throwErrorOnHttpErrorCode });
  }

  before(async () => {
    emulator = await startEmulator({ clock });
    api = await clientFor(TOKENS.full);
  });
  after(() => emulator.stop());

  it('starts a combined service build from an empty body and answers the documented start fields', async () => {
    const response = await api.start.service.build({ parameters: combined, data: {} });

    assert.equal(response.error, undefined);
    assertShape(response.data, { id: 'string', branch: 'string', sha: 'string', createdAt: 'string', status: 'string', concluded: 'boolean', registry: 'object' }, 'start');
    assert.match(response.data.id, /^[a-z]+-[a-z]+-\d+$/);
    assert.match(response.data.sha ?? '', /^[0-9a-f]{40}$/);
  });

  it('starts build service builds from a branch and from a pull request', async () => {
    const fromBranch = await api.start.service.build({ parameters: builder, data: { branch: 'fix-typo' } });
    const fromPullRequest = await api.start.service.build({ parameters: builder, data: { pullRequestId: 15 } });

    assert.equal(fromBranch.data.branch, 'fix-typo');
    assert.deepEqual([fromPullRequest.data.pullRequestId, fromPullRequest.data.branch], [15, 'fix-typo']);
  });

  it('gets a build with every documented field, concluded after it ran', async () => {
    const { id } = (await api.start.service.build({ parameters: combined, data: {} })).data;
    clock.advance(1000);

    const response = await api.get.service.build({ parameters: { ...combined, buildId: id } });

    assertShape(response.data, { ...BUILD_SHAPE, buildConcludedAt: 'number' }, 'build');
    assert.deepEqual([response.data.status, response.data.concluded, response.data.success], ['SUCCESS', true, true]);
  });

  it('lists builds newest first and follows the cursor with getNextPage and .all()', async () => {
    const newest = (await api.start.service.build({ parameters: combined, data: {} })).data.id;

    const first = await api.get.service.builds({ parameters: combined, options: { per_page: 2 } });
    const pagination = first.pagination;
    assert.ok(pagination, 'a list answer has pagination');
    const second = await pagination.getNextPage();
    const all = await api.get.service.builds.all({ parameters: combined, options: { per_page: 2 } });

    assert.equal(first.data.builds[0].id, newest);
    first.data.builds.forEach((build, index) => assertShape(build, BUILD_SHAPE, `builds[${index}]`));
    assert.deepEqual([pagination.hasNextPage, pagination.count], [true, 2]);
    assert.notEqual(second.data.builds[0].id, first.data.builds[0].id);
    const total = emulator.state.builds.filter((build) => build.parent.kind === 'service' && build.parent.id === combined.serviceId).length;
    assert.equal(all.data.builds.length, total);
    assert.equal(new Set(all.data.builds.map((build) => build.id)).size, total);
  });

  it('aborts a build, which then reads as ABORTED and concluded', async () => {
    const { id } = (await api.start.service.build({ parameters: combined, data: {} })).data;

    const aborted = await api.abort.service.build({ parameters: { ...combined, buildId: id } });
    const build = await api.get.service.build({ parameters: { ...combined, buildId: id } });

    assert.deepEqual([aborted.error, aborted.data], [undefined, {}]);
    assert.deepEqual([build.data.status, build.data.concluded], ['ABORTED', true]);
  });

  it('gets a service with its type, build source, repository, Dockerfile settings and build status', async () => {
    const { data } = await api.get.service({ parameters: combined });
    const worker = (await api.get.service({ parameters: { projectId: SEED.secondProjectId, serviceId: 'worker' } })).data;

    assertShape(data, { id: 'string', appId: 'string', name: 'string', projectId: 'string', serviceType: 'string', buildSource: 'string', vcsData: 'object', status: 'object' }, 'service');
    assert.equal(data.serviceType, 'combined');
    assert.equal(data.vcsData?.projectBranch, 'main');
    const current = (data as { buildSettings?: { dockerfile?: { dockerFilePath?: string; dockerWorkDir?: string } } }).buildSettings?.dockerfile;
    assert.deepEqual([current?.dockerFilePath, current?.dockerWorkDir], ['/Dockerfile', '/']);
    assert.equal(data.buildConfiguration?.dockerfileTarget, undefined);
    assert.ok(data.status.build?.status);
    assert.equal('buildSettings' in worker, false, 'the older service keeps its settings only in vcsData');
    assert.ok(worker.vcsData?.dockerFilePath);
  });

  it('lists projects, in both the plain and the team form', async () => {
    const plain = await api.list.projects({});
    const team = await api.list.projects({ parameters: { teamId: 'emulator-team' } });

    assert.deepEqual(plain.data.projects.map((project) => project.id), [SEED.projectId, SEED.secondProjectId, MONOREPO.projectId]);
    assert.match(team.request.url, /\/v1\/teams\/emulator-team\/projects$/);
    assert.deepEqual(team.data, plain.data);
  });

  it('lists services with their type and build status', async () => {
    const { data } = await api.list.services({ parameters: { projectId: SEED.projectId } });

    const byId = Object.fromEntries(data.services.map((service) => [service.id, service]));
    assert.equal(byId[SEED.deploymentServiceId].serviceType, 'deployment');
    assert.equal(byId[SEED.buildServiceId].serviceType, 'build');
    assert.ok(byId[SEED.combinedServiceId].status?.build?.status);
  });

  it('lists branches with their head commit, and pull requests with snake_case timestamps', async () => {
    const branches = await api.get.service.branches({ parameters: builder });
    const pullRequests = await api.get.service.pullRequests({ parameters: builder });

    assert.deepEqual(branches.data.branches?.map((branch) => branch.name), ['main', 'feature/login', 'fix-typo']);
    assertShape(branches.data.branches?.[0].commit, { sha: 'string', author: 'object' }, 'branch.commit');
    const pr = pullRequests.data.pullRequests?.find((candidate) => candidate.id === 12);
    assertShape(pr, { id: 'number', state: 'string', title: 'string', source: 'string', destination: 'string', sha: 'string', created_at: 'string', updated_at: 'string', html_url: 'string' }, 'pr');
  });

  it('reads a build log range as LogLines whose ts becomes a Date', async () => {
    const { id } = (await api.start.service.build({ parameters: combined, data: {} })).data;
    clock.advance(60);

    const response = await api.get.service.buildLogs({ parameters: combined, options: { buildId: id, lineLimit: 3, direction: 'forward', startTime: new Date(clock.now() - 60_000) } });

    assert.equal(response.error, undefined);
    assert.equal(response.data.length, 3);
    assert.ok(response.data[0].ts instanceof Date && !Number.isNaN(response.data[0].ts.getTime()));
    assert.equal(typeof response.data[0].containerId, 'string');
  });

  it('gets a buildpack service: the engine and builder, buildSettings.buildpack, and the default Dockerfile left in vcsData', async () => {
    const { data } = await api.get.service({ parameters: { projectId: MONOREPO.projectId, serviceId: MONOREPO.docsServiceId } });

    assert.equal(data.buildEngineConfiguration?.buildEngine, 'buildpack');
    assert.equal(data.buildEngineConfiguration?.buildpack?.builder, 'HEROKU_24');
    assert.deepEqual(data.buildEngineConfiguration?.buildpack?.buildpackLocators, []);
    const settings = (data as { buildSettings?: { buildpack?: { buildContext?: string }; dockerfile?: unknown } }).buildSettings;
    assert.deepEqual([settings?.buildpack?.buildContext, settings?.dockerfile], ['/docs', undefined]);
    assert.deepEqual([data.vcsData?.dockerFilePath, data.vcsData?.dockerWorkDir], ['/Dockerfile', '/']);
    assert.equal(data.disabledCI, true);
  });

  describe('jobs', () => {
    const migrate = { projectId: MONOREPO.projectId, jobId: MONOREPO.migrateJobId };

    it('lists jobs with the ListJobsResult fields, following the cursor with .all()', async () => {
      const first = await api.list.jobs({ parameters: { projectId: MONOREPO.projectId }, options: { per_page: 1 } });
      const all = await api.list.jobs.all({ parameters: { projectId: MONOREPO.projectId }, options: { per_page: 1 } });

      assert.equal(first.error, undefined);
      assert.deepEqual([first.pagination?.hasNextPage, first.pagination?.count], [true, 1]);
      all.data.jobs.forEach((job, index) =>
        assertShape(job, { id: 'string', projectId: 'string', appId: 'string', name: 'string', tags: 'object', jobType: 'string', disabledCI: 'boolean', disabledCD: 'boolean' }, `jobs[${index}]`),
      );
      assert.deepEqual(all.data.jobs.map((job) => [job.id, job.jobType]), [[MONOREPO.migrateJobId, 'manual'], [MONOREPO.nightlyReportJobId, 'cron']]);
      assert.equal(all.data.jobs[1].suspended, false);
    });

    it('gets a job with its repository, build settings and run settings', async () => {
      const { data, error } = await api.get.job({ parameters: migrate });

      assert.equal(error, undefined);
      assertShape(data, { id: 'string', appId: 'string', name: 'string', tags: 'object', projectId: 'string', jobType: 'string', createdAt: 'string', vcsData: 'object', buildConfiguration: 'object', buildEngineConfiguration: 'object', disabledCI: 'boolean', disabledCD: 'boolean', billing: 'object', settings: 'object', cluster: 'object' }, 'job');
      assertShape(data.vcsData, { projectUrl: 'string', projectType: 'string', projectBranch: 'string', publicRepo: 'boolean', dockerWorkDir: 'string', dockerFilePath: 'string' }, 'job.vcsData');
      assertShape(data.settings, { backoffLimit: 'number', activeDeadlineSeconds: 'number' }, 'job.settings');
      assert.deepEqual([data.vcsData?.dockerFilePath, data.buildEngineConfiguration?.buildEngine], ['/jobs/migrate/Dockerfile', 'buildkit']);
    });

    it('starts a job build from an empty body and from a sha, answering the documented start fields', async () => {
      const head = await api.start.job.build({ parameters: migrate, data: {} });
      const pinned = await api.start.job.build({ parameters: migrate, data: { sha: 'e83c5163316f89bfbde7d9ab23ca2e25604af290', overrides: { buildArguments: { DRY_RUN: 'true' } } } });

      assert.equal(head.error, undefined);
      assertShape(head.data, { id: 'string', branch: 'string', sha: 'string', createdAt: 'string', status: 'string', concluded: 'boolean', registry: 'object' }, 'start');
      assert.deepEqual([head.data.branch, head.data.status], ['main', 'PENDING']);
      assert.equal(pinned.data.sha, 'e83c5163316f89bfbde7d9ab23ca2e25604af290');
    });

    it('gets a job build with every documented field, concluded after it ran', async () => {
      const { id } = (await api.start.job.build({ parameters: migrate, data: {} })).data;
      clock.advance(1000);

      const response = await api.get.job.build({ parameters: { ...migrate, buildId: id } });

      assertShape(response.data, { ...BUILD_SHAPE, buildConcludedAt: 'number' }, 'job build');
      assert.deepEqual([response.data.status, response.data.concluded, response.data.success], ['SUCCESS', true, true]);
    });

    it('lists job builds newest first and follows the cursor with getNextPage and .all()', async () => {
      const newest = (await api.start.job.build({ parameters: migrate, data: {} })).data.id;

      const first = await api.get.job.builds({ parameters: migrate, options: { per_page: 1 } });
      const second = await first.pagination?.getNextPage();
      const all = await api.get.job.builds.all({ parameters: migrate, options: { per_page: 1 } });

      assert.equal(first.data.builds[0].id, newest);
      assertShape(first.data.builds[0], BUILD_SHAPE, 'builds[0]');
      assert.notEqual(second?.data.builds[0].id, newest);
      const total = emulator.state.builds.filter((build) => build.parent.kind === 'job' && build.parent.id === migrate.jobId).length;
      assert.equal(all.data.builds.length, total);
    });

    it('aborts a job build, which then reads as ABORTED and concluded', async () => {
      const { id } = (await api.start.job.build({ parameters: migrate, data: {} })).data;

      const aborted = await api.abort.job.build({ parameters: { ...migrate, buildId: id } });
      const build = await api.get.job.build({ parameters: { ...migrate, buildId: id } });

      assert.deepEqual([aborted.error, aborted.data], [undefined, {}]);
      assert.deepEqual([build.data.status, build.data.concluded], ['ABORTED', true]);
    });

    it('reads a job build log range as LogLines whose ts becomes a Date', async () => {
      const { id } = (await api.start.job.build({ parameters: migrate, data: {} })).data;
      clock.advance(60);

      const response = await api.get.job.buildLogs({ parameters: migrate, options: { buildId: id, lineLimit: 3, direction: 'forward' } });

      assert.equal(response.error, undefined);
      assert.equal(response.data.length, 3);
      assert.ok(response.data[0].ts instanceof Date && !Number.isNaN(response.data[0].ts.getTime()));
      assert.equal(typeof response.data[0].containerId, 'string');
    });

    it('tails a job build log until the build concludes', async () => {
      const { id } = (await api.start.job.build({ parameters: migrate, data: {} })).data;
      clock.advance(50);
      const tail = await api.get.job.buildLogTail({ parameters: migrate, options: { buildId: id } });
      const received: { log: string; ts: Date }[] = [];
      tail.on('logs-received', (lines: { log: string; ts: Date }[]) => received.push(...lines));

      const finished = tail.start();
      for (const deadline = Date.now() + 3_000; received.length === 0 && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 2));
      clock.advance(1000);
      await finished;

      assert.ok(received.length > 10, `received ${received.length} lines`);
      assert.ok(received.every((line) => line.ts instanceof Date));
      assert.match(received.at(-1)?.log ?? '', /Image successfully built/);
    });

    it('surfaces a 400 naming branch for a job build body that carries one', async () => {
      const response = await api.start.job.build({ parameters: migrate, data: { branch: 'main' } as never });

      assert.equal(response.error?.status, 400);
      assert.deepEqual(Object.keys(response.error?.details as object), ['branch']);
    });

    it('surfaces a 403 naming Jobs Deploy Build when a token without it starts a job build', async () => {
      const reader = await clientFor(TOKENS.noDeploy);

      const forbidden = await reader.start.job.build({ parameters: migrate, data: {} });

      assert.equal(forbidden.error?.status, 403);
      assert.ok(forbidden.error?.message.includes(DEPLOY_JOB_BUILD), forbidden.error?.message);
    });
  });

  it('surfaces a 400 with the failing fields in error.details, returned or thrown', async () => {
    const returned = await api.start.service.build({ parameters: combined, data: { sha: 'abc' } });
    const throwing = await clientFor(TOKENS.full, true);

    assert.equal(returned.error?.status, 400);
    assert.deepEqual(Object.keys(returned.error?.details as object), ['sha']);
    await assert.rejects(throwing.start.service.build({ parameters: builder, data: { branch: 'main', pullRequestId: 12 } }), (error: unknown) => {
      assert.ok(error instanceof NorthflankApiCallError);
      assert.equal(error.status, 400);
      assert.deepEqual(Object.keys(error.details as object).sort(), ['branch', 'pullRequestId']);
      return true;
    });
  });

  it('surfaces a 401 for an unknown token and a 403 naming Deploy Build', async () => {
    const stranger = await clientFor('nf-not-a-token');
    const reader = await clientFor(TOKENS.noDeploy);

    const unauthorized = await stranger.list.projects({});
    const forbidden = await reader.start.service.build({ parameters: combined, data: {} });

    assert.equal(unauthorized.error?.status, 401);
    assert.equal(forbidden.error?.status, 403);
    assert.ok(forbidden.error?.message.includes(DEPLOY_BUILD), forbidden.error?.message);
  });

  describe('the official CLI (@northflank/cli 0.9.24)', () => {
    let home: string;
    before(() => {
      home = mkdtempSync(join(tmpdir(), 'nf-cli-home-'));
      // A fresh update check would ask the npm registry; a recent one skips it.
      mkdirSync(join(home, '.northflank'));
      writeFileSync(join(home, '.northflank', 'config.json'), JSON.stringify({ contexts: [], lastUpdateCheck: new Date().toISOString() }));
    });
    after(() => rmSync(home, { recursive: true, force: true }));

    function northflank(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
      const cli = join(dirname(require.resolve('@northflank/cli/package.json')), 'dist', 'cli.js');
      const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, HOME: home, USERPROFILE: home }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
    }

    it('logs in to the emulator with a token over http and starts a build through it', async function () {
      this.timeout(20_000);
      const login = await northflank(['login', '--token-login', '-t', TOKENS.full, '--host', emulator.url, '-n', 'emu']);
      const build = await northflank(['start', 'service', 'build', '--projectId', SEED.projectId, '--serviceId', SEED.combinedServiceId, '--input', '{}', '-o', 'json']);

      assert.equal(login.code, 0, login.stdout + login.stderr);
      const config = JSON.parse(readFileSync(join(home, '.northflank', 'config.json'), 'utf8')) as { contexts: { host: string }[] };
      assert.equal(config.contexts[0].host, emulator.url);
      assert.equal(build.code, 0, build.stdout + build.stderr);
      const started = JSON.parse(build.stdout) as { id: string; status: string };
      assert.ok(emulator.state.builds.some((candidate) => candidate.id === started.id));
      const agents = emulator.requests.filter((request) => /\/v1\/login$|\/build$/.test(request.path)).map((request) => `${request.method} ${request.headers['user-agent']}`);
      assert.ok(agents.includes('POST northflank-js-client/0.7.25 (northflank-cli/0.9.24)'), agents.join('\n'));
    });
  });
});
