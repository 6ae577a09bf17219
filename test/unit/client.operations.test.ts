import * as assert from 'node:assert/strict';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { NorthflankClient } from '../../src/northflank/client';
import { NorthflankError } from '../../src/northflank/errors';
import { DEPLOY_BUILD } from '../../src/northflank/permissions';
import { RequestLogEntry, ServiceRef } from '../../src/northflank/types';
import { Emulator, startEmulator } from '../emulator';
import { SEED, TOKENS } from '../emulator/seed';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const FAST_RETRY = { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 };
const combined: ServiceRef = { projectId: SEED.projectId, serviceId: SEED.combinedServiceId };
const builder: ServiceRef = { projectId: SEED.projectId, serviceId: SEED.buildServiceId };

describe('Northflank client operations (against the emulator)', () => {
  let emulator: Emulator;
  let client: NorthflankClient;
  let log: RequestLogEntry[];

  beforeEach(async () => {
    emulator = await startEmulator();
    log = [];
    client = new NorthflankClient({
      baseUrl: emulator.url,
      token: TOKENS.full,
      userAgent: 'northflank-build-vscode/9.9.9',
      retry: FAST_RETRY,
      onRequest: (entry) => log.push(entry),
    });
  });

  afterEach(async () => {
    await emulator.stop();
  });

  const lastRequest = () => emulator.requests[emulator.requests.length - 1];

  it('starts a build of a combined service from a commit and returns the new build', async () => {
    const build = await client.startBuild(combined, { sha: SHA, overrides: { docker: { dockerfileTarget: 'runtime' } } });

    assert.ok(build.id, 'the build has an id');
    assert.equal(build.sha, SHA);
    const request = lastRequest();
    assert.equal(request.method, 'POST');
    assert.equal(request.path, `/v1/projects/${SEED.projectId}/services/${SEED.combinedServiceId}/build`);
    assert.deepEqual(request.body, { sha: SHA, overrides: { docker: { dockerfileTarget: 'runtime' } } });
  });

  it('sends the bearer token, JSON content type and the extension user agent with a body', async () => {
    await client.startBuild(combined, {});

    const { headers } = lastRequest();
    assert.match(headers.authorization, /^Bearer /);
    assert.equal(headers['content-type'], 'application/json');
    assert.equal(headers['user-agent'], 'northflank-build-vscode/9.9.9');
  });

  it('sends no content type on a request without a body', async () => {
    await client.listProjects();

    assert.equal(lastRequest().headers['content-type'], undefined);
    assert.match(lastRequest().headers.authorization, /^Bearer /);
  });

  it('starts a build of a build service from a branch and from a pull request', async () => {
    const fromBranch = await client.startBuild(builder, { branch: 'feature/login' });
    const fromPullRequest = await client.startBuild(builder, { pullRequestId: 12 });

    assert.equal(fromBranch.branch, 'feature/login');
    assert.equal(Number(fromPullRequest.pullRequestId), 12);
    assert.deepEqual(lastRequest().body, { pullRequestId: 12 });
  });

  it('starts a build from a bundle', async () => {
    const build = await client.startBuild(combined, { bundleUrl: 'https://example.com/archive.tar', branch: 'main' });

    assert.ok(build.id);
    assert.deepEqual(lastRequest().body, { bundleUrl: 'https://example.com/archive.tar', branch: 'main' });
  });

  it('reads back a build it started', async () => {
    const started = await client.startBuild(combined, { sha: SHA });

    const build = await client.getBuild(combined, started.id);

    assert.equal(build.id, started.id);
    assert.equal(build.sha, SHA);
    assert.equal(typeof build.concluded, 'boolean');
    assert.equal(lastRequest().path, `/v1/projects/${SEED.projectId}/services/${SEED.combinedServiceId}/build/${started.id}`);
  });

  it('lists builds page by page with per_page, page and the returned cursor', async () => {
    for (let i = 0; i < 3; i++) await client.startBuild(combined, {});
    const total = emulator.state.builds.filter((build) => build.parent.kind === 'service' && build.parent.id === SEED.combinedServiceId).length;

    const ids: string[] = [];
    let cursor: string | undefined;
    for (let pages = 1; ; pages++) {
      const page = await client.listBuilds(combined, { perPage: 2, cursor });
      assert.equal(lastRequest().query.per_page, '2');
      assert.equal(lastRequest().query.cursor, cursor);
      assert.ok(page.items.length <= 2);
      ids.push(...page.items.map((build) => build.id));
      if (!page.hasNextPage) break;
      assert.ok(page.cursor, 'a page with a next page has a cursor');
      assert.ok(pages < 10, 'the pages end');
      cursor = page.cursor;
    }

    assert.equal(ids.length, total);
    assert.equal(new Set(ids).size, total, 'no build appears on two pages');
    await client.listBuilds(combined, { perPage: 1, page: 2 });
    assert.equal(lastRequest().query.page, '2');
  });

  it('aborts a build, which then ends as ABORTED', async () => {
    const started = await client.startBuild(combined, {});

    await client.abortBuild(combined, started.id);

    assert.equal(lastRequest().method, 'DELETE');
    const build = await client.getBuild(combined, started.id);
    assert.equal(build.status, 'ABORTED');
    assert.equal(build.concluded, true);
  });

  it('reads a service with its tracked branch and its Dockerfile settings from buildSettings', async () => {
    const service = await client.getService(combined);

    assert.equal(service.id, SEED.combinedServiceId);
    assert.equal(service.serviceType, 'combined');
    assert.deepEqual(service.dockerfile, { path: '/Dockerfile', workDir: '/', target: undefined });
    assert.equal(service.repository?.branch, 'main');
  });

  it('reads the Dockerfile target from buildConfiguration', async () => {
    const service = await client.getService(builder);

    assert.equal(service.serviceType, 'build');
    assert.deepEqual(service.dockerfile, { path: '/docker/api.Dockerfile', workDir: '/', target: 'runtime' });
  });

  it('reads the Dockerfile settings of an older service from the deprecated vcsData fields', async () => {
    const service = await client.getService({ projectId: SEED.secondProjectId, serviceId: 'worker' });

    const seeded = emulator.state.services.find((candidate) => candidate.id === 'worker')?.dockerfile;
    assert.equal(seeded?.location, 'vcsData', 'the emulator answers like an older API for this service');
    assert.equal(service.serviceType, 'combined');
    assert.deepEqual(service.dockerfile, { path: seeded?.dockerFilePath, workDir: seeded?.dockerWorkDir, target: undefined });
  });

  it('lists projects', async () => {
    const page = await client.listProjects();

    const ids = page.items.map((project) => project.id);
    assert.ok(ids.includes(SEED.projectId) && ids.includes(SEED.secondProjectId), ids.join());
    assert.equal(page.items.find((project) => project.id === SEED.projectId)?.name, 'Default Project');
  });

  it('lists the services of a project with their types', async () => {
    const page = await client.listServices(SEED.projectId);

    const types = Object.fromEntries(page.items.map((service) => [service.id, service.serviceType]));
    assert.equal(types[SEED.combinedServiceId], 'combined');
    assert.equal(types[SEED.buildServiceId], 'build');
    assert.equal(types[SEED.deploymentServiceId], 'deployment');
  });

  it("lists a build service's branches and open pull requests", async () => {
    const branches = await client.listBranches(builder);
    const pullRequests = await client.listPullRequests(builder);

    assert.deepEqual(branches.items.map((branch) => branch.name).sort(), ['feature/login', 'fix-typo', 'main']);
    const byId = Object.fromEntries(pullRequests.items.map((pr) => [Number(pr.id), pr]));
    assert.equal(byId[12]?.source, 'feature/login');
    assert.equal(byId[15]?.source, 'fix-typo');
    assert.equal(byId[12]?.destination, 'main');
  });

  it('asks for build logs as a range query with ISO times, a line limit and a direction', async () => {
    const started = await client.startBuild(combined, {});
    const startTime = new Date(Date.now() - 60_000);

    const lines = await client.getBuildLogs(combined, { buildId: started.id, startTime, lineLimit: 50, direction: 'forward' });

    assert.ok(Array.isArray(lines));
    for (const line of lines) assert.equal(typeof line.log, 'string');
    const request = lastRequest();
    assert.equal(request.path, `/v1/projects/${SEED.projectId}/services/${SEED.combinedServiceId}/build-logs`);
    assert.deepEqual(request.query, {
      queryType: 'range',
      buildId: started.id,
      startTime: startTime.toISOString(),
      lineLimit: '50',
      direction: 'forward',
    });
  });

  it('checks the token with /v1/auth and describes it', async () => {
    const info = await client.checkToken();

    assert.equal(info.checkedWith, '/v1/auth');
    assert.equal(info.entityType, 'team');
    assert.ok(info.permissions?.includes(DEPLOY_BUILD));
    assert.equal(lastRequest().path, '/v1/auth');
    const limited = await new NorthflankClient({ baseUrl: emulator.url, token: TOKENS.noDeploy }).checkToken();
    assert.ok(limited.permissions && !limited.permissions.includes(DEPLOY_BUILD), 'a limited token lists what it may do');
  });

  it('percent-encodes odd ids in the path and says which one was not found', async () => {
    const odd = { projectId: SEED.projectId, serviceId: 'a b/c?d#e%' };

    await assert.rejects(client.getService(odd), (error: Error) => {
      assert.match(error.message, /Service 'a b\/c\?d#e%' was not found in project 'default-project'/);
      return true;
    });
    assert.match(lastRequest().path, /\/services\/a(%20| )b%2Fc%3Fd%23e%25$/);
  });

  it('percent-encodes query values so a cursor cannot add parameters', async () => {
    await client.listBuilds(combined, { cursor: 'CUR1&x=y z' }).catch(() => undefined);

    assert.equal(lastRequest().query.cursor, 'CUR1&x=y z');
    assert.equal(lastRequest().query.x, undefined);
  });

  it('keeps the rate-limit headers of the latest answer', async () => {
    const before = client.rateLimit;
    await client.listProjects();
    const first = client.rateLimit;
    await client.listProjects();
    const second = client.rateLimit;

    assert.equal(before, undefined, 'nothing is known before the first answer');
    assert.equal(first?.limit, 1000);
    assert.equal(second?.remaining, (first?.remaining ?? 0) - 1);
    assert.ok((second?.resetSeconds ?? 0) > 0);
    assert.ok((second?.observedAt ?? 0) >= (first?.observedAt ?? Infinity));
  });

  it('reports each request to the onRequest hook without the token or query values', async () => {
    const started = await client.startBuild(combined, {});
    await client.getBuildLogs(combined, { buildId: started.id, lineLimit: 7 });

    assert.deepEqual(
      log.map((entry) => [entry.method, entry.path, entry.status]),
      [
        ['POST', `/v1/projects/${SEED.projectId}/services/${SEED.combinedServiceId}/build`, 200],
        ['GET', `/v1/projects/${SEED.projectId}/services/${SEED.combinedServiceId}/build-logs`, 200],
      ],
    );
    for (const entry of log) assert.ok(entry.durationMs >= 0 && entry.error === undefined);
    assert.ok(!JSON.stringify(log).includes(TOKENS.full));
    assert.ok(!JSON.stringify(log).includes(started.id), 'query values stay out of the log');
  });

  it('reads the token from a function for each operation', async () => {
    let calls = 0;
    const lazy = new NorthflankClient({
      baseUrl: emulator.url,
      token: async () => {
        calls++;
        return TOKENS.full;
      },
    });

    await lazy.listProjects();
    await lazy.listProjects();

    assert.equal(calls, 2);
  });
});

// The emulator follows the current API, which has /v1/auth; this stands in for an older one that does not.
describe('Northflank token check against an API without /v1/auth', () => {
  let server: Server;
  let paths: string[];
  let hasLogin: boolean;

  beforeEach(async () => {
    paths = [];
    hasLogin = true;
    server = createServer((req, res) => {
      paths.push(req.url ?? '');
      const found = hasLogin && req.url === '/v1/login';
      res.writeHead(found ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(found ? { data: {} } : { error: { status: 404, message: `Cannot GET ${req.url}` } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const client = () => new NorthflankClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, token: TOKENS.full });

  it('falls back to /v1/login when /v1/auth is not found', async () => {
    const info = await client().checkToken();

    assert.deepEqual(info, { checkedWith: '/v1/login' });
    assert.deepEqual(paths, ['/v1/auth', '/v1/login']);
  });

  it('points at the API URL setting when neither endpoint exists', async () => {
    hasLogin = false;

    await assert.rejects(client().checkToken(), (error: NorthflankError) => {
      assert.equal(error.kind, 'notFound');
      assert.match(error.message, /^Northflank found nothing at the address used to check the API token \(HTTP 404\)\..*Check the API URL setting\.$/);
      return true;
    });
  });
});
