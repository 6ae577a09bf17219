import * as assert from 'node:assert/strict';
import { NorthflankClient } from '../../src/northflank/client';
import { DEPLOY_JOB_BUILD } from '../../src/northflank/permissions';
import type { JobRef, ServiceRef } from '../../src/northflank/types';
import { type Emulator, MONOREPO, startEmulator, TOKENS } from '../emulator';
import { failure } from './expectFailure';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const migrate: JobRef = { projectId: MONOREPO.projectId, jobId: MONOREPO.migrateJobId };
const docs: ServiceRef = { projectId: MONOREPO.projectId, serviceId: MONOREPO.docsServiceId };

describe('Northflank client: jobs and buildpack builds (against the emulator)', () => {
  let emulator: Emulator;
  const client = (token: string = TOKENS.full) => new NorthflankClient({ baseUrl: emulator.url, token, retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 } });
  beforeEach(async () => (emulator = await startEmulator()));
  afterEach(() => emulator.stop());
  const last = () => emulator.requests[emulator.requests.length - 1];

  it("starts, reads, lists and aborts a job's builds on the job paths", async () => {
    const api = client();
    const started = await api.startBuild(migrate, { sha: SHA, overrides: { docker: { dockerfileTarget: 'runtime' } } });
    assert.deepEqual([last().method, last().path, last().body], ['POST', '/v1/projects/shop/jobs/migrate/build', { sha: SHA, overrides: { docker: { dockerfileTarget: 'runtime' } } }]);
    assert.equal((await api.getBuild(migrate, started.id)).id, started.id);
    assert.equal(last().path, `/v1/projects/shop/jobs/migrate/build/${started.id}`);
    const page = await api.listBuilds(migrate, { perPage: 5 });
    assert.equal(page.items[0].id, started.id);
    await api.abortBuild(migrate, started.id);
    assert.deepEqual([last().method, last().path], ['DELETE', `/v1/projects/shop/jobs/migrate/build/${started.id}`]);
  });

  it('lists the jobs of a project and reads one, with its Dockerfile settings', async () => {
    const api = client();
    const jobs = await api.listJobs(MONOREPO.projectId);
    assert.deepEqual(jobs.items.map((job) => job.id).sort(), [MONOREPO.migrateJobId, MONOREPO.nightlyReportJobId].sort());
    const job = await api.getJob(migrate);
    assert.equal(job.buildMethod, 'dockerfile');
    assert.deepEqual(job.dockerfile, { path: '/jobs/migrate/Dockerfile', workDir: '/', target: undefined });
    assert.equal(job.repository?.url, MONOREPO.repositoryUrl);
  });

  it("reads a buildpack service as such, and not the API's default Dockerfile left in its deprecated fields", async () => {
    const service = await client().getService(docs);
    assert.equal(service.buildMethod, 'buildpack');
    assert.deepEqual(service.dockerfile, {});
  });

  it("reads a job's build logs on the job path", async () => {
    const api = client();
    const started = await api.startBuild(migrate, {});
    await api.getBuildLogs(migrate, { buildId: started.id });
    assert.equal(last().path, '/v1/projects/shop/jobs/migrate/build-logs');
  });

  it('names the job and the job permission when a token may not build it', async () => {
    const error = await failure(client(TOKENS.noDeploy).startBuild(migrate, {}), 'forbidden');
    assert.ok(error.message.includes(`job 'migrate'`), error.message);
    assert.ok(error.message.includes(DEPLOY_JOB_BUILD), error.message);
    assert.ok(!error.message.includes('Services > General > Update'), 'the services-only alternative permission is not suggested for a job');
  });

  it('names the job that does not exist', async () => {
    const error = await failure(client().startBuild({ projectId: MONOREPO.projectId, jobId: 'no-such-job' }, {}), 'notFound');
    assert.equal(error.message, "Job 'no-such-job' was not found in project 'shop'. Check the id, and that the API token has access to that project.");
  });

  it("says a job's builds may have started when the answer to a start was lost", async () => {
    emulator.inject({ kind: 'status500', method: 'POST', path: '/v1/projects/shop/jobs/migrate/build' });
    const error = await failure(client().startBuild(migrate, {}), 'server');
    assert.match(error.message, /job's builds/);
  });
});
