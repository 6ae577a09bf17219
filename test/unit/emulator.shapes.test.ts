import type { GetJobBuildResult, GetServiceBuildResult, StartJobBuildResult, StartServiceBuildResult } from '@northflank/js-client';
import assert from 'node:assert/strict';
import {
  defaultSeed,
  type Emulator,
  type EmulatorOptions,
  MONOREPO,
  OPTIONAL_BUILD_FIELDS,
  type OptionalBuildField,
  type RecordedAnswer,
  SEED,
  SimulatedClock,
  startEmulator,
  TOKENS,
} from '../emulator';
import { KNOWN_BUILD_STATUSES } from '../../src/northflank/types';
import { checkShapes, formatProblems, type ShapeCase } from './officialShapes';

/**
 * The emulator must not drift from the official shapes: every answer it gives on the endpoints the
 * extension uses is type-checked against @northflank/js-client 0.9.5's result types.
 */

interface Endpoint {
  name: string;
  method: string;
  pattern: RegExp;
  /** A type expression for checkShapes; undefined where js-client 0.9.5 has no type (or only `any`). */
  type?: string;
}

const P = '/v1(?:/teams/[^/]+)?/projects/[^/]+';
const ENDPOINTS: Endpoint[] = [
  { name: 'list projects', method: 'GET', pattern: /^\/v1(?:\/teams\/[^/]+)?\/projects$/, type: 'Answer<NF.ListProjectsResult>' },
  { name: 'list services', method: 'GET', pattern: new RegExp(`^${P}/services$`), type: 'Answer<NF.ListServicesResult>' },
  { name: 'get service', method: 'GET', pattern: new RegExp(`^${P}/services/[^/]+$`), type: 'Answer<NF.GetServiceResult>' },
  { name: 'service branches', method: 'GET', pattern: new RegExp(`^${P}/services/[^/]+/branches$`), type: 'Answer<NF.GetServiceBranchesResult>' },
  { name: 'service pull requests', method: 'GET', pattern: new RegExp(`^${P}/services/[^/]+/pull-requests$`), type: 'Answer<NF.GetServicePullrequestsResult>' },
  { name: 'start service build', method: 'POST', pattern: new RegExp(`^${P}/services/[^/]+/build$`), type: 'Answer<NF.StartServiceBuildResult>' },
  { name: 'list service builds', method: 'GET', pattern: new RegExp(`^${P}/services/[^/]+/build$`), type: 'Answer<NF.GetServiceBuildsResult>' },
  { name: 'get service build', method: 'GET', pattern: new RegExp(`^${P}/services/[^/]+/build/[^/]+$`), type: 'Answer<NF.GetServiceBuildResult>' },
  { name: 'abort service build', method: 'DELETE', pattern: new RegExp(`^${P}/services/[^/]+/build/[^/]+$`) },
  { name: 'service build logs', method: 'GET', pattern: new RegExp(`^${P}/services/[^/]+/build-logs$`), type: 'Answer<WireLogLine[]>' },
  { name: 'list jobs', method: 'GET', pattern: new RegExp(`^${P}/jobs$`), type: 'Answer<NF.ListJobsResult>' },
  { name: 'get job', method: 'GET', pattern: new RegExp(`^${P}/jobs/[^/]+$`), type: 'Answer<NF.GetJobResult>' },
  { name: 'start job build', method: 'POST', pattern: new RegExp(`^${P}/jobs/[^/]+/build$`), type: 'Answer<NF.StartJobBuildResult>' },
  { name: 'list job builds', method: 'GET', pattern: new RegExp(`^${P}/jobs/[^/]+/build$`), type: 'Answer<NF.GetJobBuildsResult>' },
  { name: 'get job build', method: 'GET', pattern: new RegExp(`^${P}/jobs/[^/]+/build/[^/]+$`), type: 'Answer<NF.GetJobBuildResult>' },
  { name: 'abort job build', method: 'DELETE', pattern: new RegExp(`^${P}/jobs/[^/]+/build/[^/]+$`) },
  { name: 'job build logs', method: 'GET', pattern: new RegExp(`^${P}/jobs/[^/]+/build-logs$`), type: 'Answer<WireLogLine[]>' },
  // The CLI's token check; js-client 0.9.5 has no call for it.
  { name: 'login', method: 'GET', pattern: /^\/v1\/login$/ },
  // Documented after js-client 0.9.5.
  { name: 'auth', method: 'GET', pattern: /^\/v1\/auth$/ },
];

/** The keys of T that may be left out. */
type OptionalKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? K : never }[keyof T];
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

// What the emulator's `sparse` option leaves out is exactly what js-client marks optional on a build:
// this stops compiling when either side changes.
const SPARSE_FIELDS_ARE_THE_OPTIONAL_ONES: [
  Same<OptionalBuildField, OptionalKeys<GetServiceBuildResult>>,
  Same<OptionalBuildField, OptionalKeys<GetJobBuildResult>>,
  Same<Exclude<keyof StartServiceBuildResult | keyof StartJobBuildResult, OptionalBuildField>, 'id'>,
] = [true, true, true];

/** The documented error body; js-client reads `message`, `id` and `details` (it has no type for the wire form). */
const ERROR_TYPE = '{ error: { status: number; message: string; id?: string; details?: unknown } }';

/** Each recorded answer with the type it must have; throws on an answer from an endpoint not in the table. */
function casesOf(answers: RecordedAnswer[], tag: string): { cases: ShapeCase[]; seen: Set<string> } {
  const seen = new Set<string>();
  const cases: ShapeCase[] = [];
  answers.forEach((answer, index) => {
    const endpoint = ENDPOINTS.find((candidate) => candidate.method === answer.method && candidate.pattern.test(answer.path));
    assert.ok(endpoint, `${answer.method} ${answer.path} is not an endpoint this test knows: add it to ENDPOINTS`);
    const label = `${tag} #${index} ${endpoint.name}: ${answer.method} ${answer.path} (${answer.status})`;
    if (answer.status !== 200) cases.push({ label, type: ERROR_TYPE, value: answer.body });
    else {
      seen.add(endpoint.name);
      if (endpoint.type) cases.push({ label, type: endpoint.type, value: answer.body });
    }
  });
  return { cases, seen };
}

/** A build of every documented status, seeded on the combined service, so that each appears in some answer. */
function seedWithEveryStatus(): ReturnType<typeof defaultSeed> {
  const seed = defaultSeed();
  seed.services.push({ projectId: SEED.projectId, id: 'bundled', name: 'Bundled', serviceType: 'combined', buildSource: 'bundle' });
  KNOWN_BUILD_STATUSES.forEach((status, index) => {
    seed.builds?.push({
      id: `seeded-${status.toLowerCase().replace(/_/g, '-')}-${1000 + index}`,
      projectId: SEED.projectId,
      serviceId: SEED.buildServiceId,
      branch: 'main',
      pullRequestId: index % 2 === 0 ? 12 : undefined,
      sha: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
      status,
      createdAt: '2025-05-03T10:00:00.000Z',
      concludedAt: '2025-05-03T10:02:00.000Z',
    });
  });
  return seed;
}

/**
 * Asks every endpoint the extension uses, in the states that change an answer's shape: builds that
 * run, succeed, fail and are aborted; builds from a branch, a pull request and a bundle; paginated
 * pages; both path forms; and some refusals.
 */
async function exercise(emulator: Emulator, clock: SimulatedClock): Promise<void> {
  async function call(method: string, path: string, body?: unknown, token: string = TOKENS.full): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any -- read field by field
    const response = await fetch(emulator.url + path, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return response.json();
  }
  await call('GET', '/v1/auth');
  await call('GET', '/v1/login');
  const firstPage = await call('GET', '/v1/projects?per_page=1');
  await call('GET', `/v1/projects?per_page=1&cursor=${firstPage.pagination.cursor as string}`);
  const { data } = await call('GET', '/v1/projects');
  for (const project of data.projects as { id: string }[]) {
    const base = `/v1/projects/${project.id}`;
    const services = await call('GET', `${base}/services`);
    for (const service of services.data.services as { id: string; serviceType: string }[]) {
      const path = `${base}/services/${service.id}`;
      await call('GET', path);
      if (service.serviceType === 'deployment') continue;
      await call('GET', `${path}/branches`);
      await call('GET', `${path}/pull-requests`);
      await call('GET', `${path}/build?per_page=2`);
      await call('GET', `${path}/build-logs?queryType=range&lineLimit=5`);
    }
    const jobs = await call('GET', `${base}/jobs`);
    for (const job of jobs.data.jobs as { id: string }[]) {
      const path = `${base}/jobs/${job.id}`;
      await call('GET', path);
      await call('GET', `${path}/build`);
    }
  }

  const combined = `/v1/projects/${SEED.projectId}/services/${SEED.combinedServiceId}`;
  const builder = `/v1/projects/${SEED.projectId}/services/${SEED.buildServiceId}`;
  const bundled = `/v1/projects/${SEED.projectId}/services/bundled`;
  const job = `/v1/projects/${MONOREPO.projectId}/jobs/${MONOREPO.migrateJobId}`;
  const buildpackJob = `/v1/projects/${MONOREPO.projectId}/jobs/${MONOREPO.nightlyReportJobId}`;
  const started = [
    [combined, (await call('POST', `${combined}/build`, {})).data.id],
    [builder, (await call('POST', `${builder}/build`, { branch: 'feature/login' })).data.id],
    [builder, (await call('POST', `${builder}/build`, { pullRequestId: 12 })).data.id],
    [bundled, (await call('POST', `${bundled}/build`, { bundleUrl: 'https://example.com/archive.tar' })).data.id],
    [job, (await call('POST', `${job}/build`, {})).data.id],
    [buildpackJob, (await call('POST', `${buildpackJob}/build`, {})).data.id],
  ] as [string, string][];
  const failing = (await call('POST', `${combined}/build`, { sha: 'e83c5163316f89bfbde7d9ab23ca2e25604af290' })).data.id as string;
  emulator.failSha('e83c5163316f89bfbde7d9ab23ca2e25604af290');
  const aborted = (await call('POST', `${combined}/build`, {})).data.id as string;
  const abortedJob = (await call('POST', `${job}/build`, {})).data.id as string;
  let elapsed = 0;
  // FAST_PACE: QUEUED until 20 ms, STARTING, CLONING, BUILDING from 70 ms, concluded at 150 ms.
  for (const at of [0, 30, 90, 200]) {
    clock.advance(at - elapsed);
    elapsed = at;
    for (const [path, id] of started) await call('GET', `${path}/build/${id}`);
    await call('GET', `${combined}/build/${failing}`);
    await call('GET', `${combined}/build-logs?queryType=range&buildId=${failing}`);
    if (at === 30) {
      await call('DELETE', `${combined}/build/${aborted}`);
      await call('DELETE', `${job}/build/${abortedJob}`);
    }
  }
  for (const [path, id] of started) await call('GET', `${path}/build-logs?queryType=range&buildId=${id}`);
  await call('GET', `${combined}/build`);
  await call('GET', `${builder}/build`);
  await call('GET', `${job}/build`);
  await call('GET', `${job}/build/${abortedJob}`);
  await call('GET', `${job}/build-logs?queryType=range&buildId=${abortedJob}`);
  await call('GET', `/v1/teams/emulator-team/projects/${SEED.projectId}/services/${SEED.combinedServiceId}`);

  // Refusals: the error body has a shape too.
  await call('GET', `${combined}/build/no-such-build`);
  await call('POST', `${builder}/build`, {});
  await call('DELETE', `${combined}/build/${aborted}`);
  await call('POST', `${combined}/build`, {}, TOKENS.noDeploy);
}

describe('Emulator answers match the official js-client types', function () {
  // The first compile parses the 1.9 MB declaration file: seconds on a busy machine.
  this.timeout(30_000);
  let emulator: Emulator | undefined;
  afterEach(async () => emulator?.stop());

  async function recorded(options: EmulatorOptions = {}): Promise<RecordedAnswer[]> {
    const clock = new SimulatedClock();
    emulator = await startEmulator({ clock, seed: seedWithEveryStatus(), recordAnswers: true, ...options });
    await exercise(emulator, clock);
    return emulator.answers;
  }

  it('type-checks every answer on every endpoint the extension uses', async () => {
    const { cases, seen } = casesOf(await recorded(), 'full');
    assert.deepEqual(
      ENDPOINTS.map((endpoint) => endpoint.name).filter((name) => !seen.has(name)),
      [],
      'every endpoint answered at least once',
    );
    const report = checkShapes(cases);
    console.log(`      (type-checked ${cases.length} answers in ${Math.round(report.ms)} ms)`);
    assert.equal(report.problems.length, 0, `answers that do not match js-client's types:\n${formatProblems(report.problems)}`);
  });

  it('type-checks sparse answers, whose builds carry only the fields the types require', async () => {
    assert.deepEqual(SPARSE_FIELDS_ARE_THE_OPTIONAL_ONES, [true, true, true]);
    const { cases } = casesOf(await recorded({ sparse: true }), 'sparse');
    const report = checkShapes(cases);
    assert.equal(report.problems.length, 0, `sparse answers that do not match js-client's types:\n${formatProblems(report.problems)}`);
    const got = cases.find((item) => item.label.includes('get service build:') && item.label.endsWith('(200)'));
    assert.deepEqual(Object.keys((got?.value as { data: object }).data), ['id']);
    assert.deepEqual([...OPTIONAL_BUILD_FIELDS].sort(), ['branch', 'buildConcludedAt', 'concluded', 'createdAt', 'message', 'pullRequestId', 'registry', 'sha', 'status', 'success']);
  });

  it('reports a broken answer, naming the endpoint and the field', () => {
    const report = checkShapes([
      { label: 'GET build (no id)', type: 'Answer<NF.GetServiceBuildResult>', value: { data: { status: 'SUCCESS', concluded: true } } },
      { label: 'GET build (numeric status)', type: 'Answer<NF.GetServiceBuildResult>', value: { data: { id: 'b', status: 3 } } },
      { label: 'GET build (unknown status)', type: 'Answer<NF.GetServiceBuildResult>', value: { data: { id: 'b', status: 'TELEPORTING' } } },
      { label: 'GET build (null concluded)', type: 'Answer<NF.GetServiceBuildResult>', value: { data: { id: 'b', concluded: null } } },
      {
        label: 'list services (no tags)',
        type: 'Answer<NF.ListServicesResult>',
        value: { data: { services: [{ id: 's', appId: '/t/p/s', projectId: 'p', name: 'S', serviceType: 'build', disabledCI: false, disabledCD: false, status: {} }] } },
      },
      { label: 'list builds (bad page count)', type: 'Answer<NF.GetServiceBuildsResult>', value: { data: { builds: [] }, pagination: { hasNextPage: false, count: '0' } } },
      { label: 'log lines (numeric ts)', type: 'Answer<WireLogLine[]>', value: { data: [{ containerId: 'c', log: 'x', ts: 1 }] } },
      { label: 'GET build (fine)', type: 'Answer<NF.GetServiceBuildResult>', value: { data: { id: 'b', status: 'SUCCESS', pullRequestId: null, brandNew: 1 } } },
    ]);
    const byLabel = (label: string) => report.problems.filter((problem) => problem.label === label).map((problem) => problem.message).join('\n');
    assert.match(byLabel('GET build (no id)'), /'id'/);
    assert.match(byLabel('GET build (numeric status)'), /'status'[\s\S]*number/);
    assert.match(byLabel('GET build (unknown status)'), /TELEPORTING/);
    assert.match(byLabel('GET build (null concluded)'), /'concluded'[\s\S]*null/);
    assert.match(byLabel('list services (no tags)'), /tags'* is missing/);
    assert.match(byLabel('list builds (bad page count)'), /'count'/);
    assert.match(byLabel('log lines (numeric ts)'), /'ts'/);
    assert.equal(byLabel('GET build (fine)'), '', 'a field newer than the types is not an error');
    assert.deepEqual(
      report.problems.filter((problem) => problem.label === 'the generated prelude'),
      [],
      'the generated file itself compiles',
    );
  });
});
