import * as assert from 'node:assert/strict';
import { NorthflankClient } from '../../src/northflank/client';
import { DEPLOY_BUILD } from '../../src/northflank/permissions';
import { ServiceRef } from '../../src/northflank/types';
import { Emulator, startEmulator } from '../emulator';
import { SEED, TOKENS } from '../emulator/seed';
import { failure } from './expectFailure';
import { freePort } from '../vscode/freePort';

const FAST_RETRY = { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 };
const combined: ServiceRef = { projectId: SEED.projectId, serviceId: SEED.combinedServiceId };
const builder: ServiceRef = { projectId: SEED.projectId, serviceId: SEED.buildServiceId };

describe('Northflank client errors (against the emulator)', () => {
  let emulator: Emulator;
  const clientWith = (token: string) =>
    new NorthflankClient({ baseUrl: emulator.url, token, retry: FAST_RETRY, timeoutMs: 2000 });

  beforeEach(async () => {
    emulator = await startEmulator();
  });

  afterEach(async () => {
    await emulator.stop();
  });

  it('says a rejected token must be replaced, without repeating the token', async () => {
    const token = 'nf-not-a-real-token-1234567890';
    const error = await failure(clientWith(token).listProjects(), 'unauthorized');

    assert.equal(error.status, 401);
    assert.match(error.message, /Northflank: Sign In…/);
    assert.ok(!error.message.includes(token));
  });

  it('asks for a token before sending anything when none is set', async () => {
    const client = new NorthflankClient({ baseUrl: emulator.url, token: async () => undefined });

    const error = await failure(client.listProjects(), 'unauthorized');

    assert.match(error.message, /You are not signed in to Northflank/);
    assert.equal(emulator.requests.length, 0);
  });

  it('names the Deploy Build permission when a token may not start a build', async () => {
    const error = await failure(clientWith(TOKENS.noDeploy).startBuild(combined, {}), 'forbidden');

    assert.equal(error.status, 403);
    assert.ok(error.message.includes(`'${DEPLOY_BUILD}'`), error.message);
    assert.ok(error.message.includes(SEED.combinedServiceId), error.message);
  });

  it('names the Deploy Build permission when a token may not abort a build', async () => {
    const started = await clientWith(TOKENS.full).startBuild(combined, {});

    const error = await failure(clientWith(TOKENS.noDeploy).abortBuild(combined, started.id), 'forbidden');

    assert.ok(error.message.includes('Project > Services > Deployment > Deploy Build'), error.message);
  });

  it('says which service was not found, and in which project', async () => {
    const error = await failure(clientWith(TOKENS.full).getService({ projectId: SEED.projectId, serviceId: 'no-such-service' }), 'notFound');

    assert.equal(error.status, 404);
    assert.match(error.message, /^Service 'no-such-service' was not found in project 'default-project'\./);
  });

  it('says which build was not found', async () => {
    const error = await failure(clientWith(TOKENS.full).getBuild(combined, 'no-such-build'), 'notFound');

    assert.match(error.message, /^Build 'no-such-build' was not found for service 'web-combined' in project 'default-project'\./);
  });

  it('says which project was not found', async () => {
    const error = await failure(clientWith(TOKENS.full).listServices('no-such-project'), 'notFound');

    assert.match(error.message, /^Project 'no-such-project' was not found\./);
  });

  it('lists the fields Northflank rejected in a 400', async () => {
    const error = await failure(
      clientWith(TOKENS.full).startBuild(combined, { sha: 'abc', overrides: { docker: { dockerfileTarget: 'bad target!' } } }),
      'invalid',
    );

    assert.equal(error.status, 400);
    assert.ok(error.details !== undefined, 'the details are kept for the caller');
    assert.match(error.message, /sha/);
    assert.match(error.message, /dockerfileTarget/);
  });

  it('refuses a build service body with both a branch and a pull request, naming both', async () => {
    const error = await failure(clientWith(TOKENS.full).startBuild(builder, { branch: 'main', pullRequestId: 12 }), 'invalid');

    assert.match(error.message, /branch/);
    assert.match(error.message, /pullRequestId/);
  });

  it('says when to retry once the rate limit is used up, and does not wait an hour for it', async () => {
    await emulator.stop();
    emulator = await startEmulator({ rateLimit: { limit: 3, windowSeconds: 3600 } });
    const client = clientWith(TOKENS.full);
    for (let i = 0; i < 3; i++) await client.listProjects();

    const started = Date.now();
    const error = await failure(client.listProjects(), 'rateLimited');

    assert.ok(Date.now() - started < 1000, 'it fails at once rather than waiting for the window');
    assert.equal(error.status, 429);
    assert.ok((error.retryAfterSeconds ?? 0) > 3000, `retryAfterSeconds ${error.retryAfterSeconds}`);
    assert.match(error.message, /Try again in about (1 hour|60 minutes)\./);
    assert.equal(emulator.requests.length, 4);
    assert.equal(client.rateLimit?.remaining, 0);
  });

  it('turns a 500 on a start build into a server error without sending the build again', async () => {
    emulator.inject({ kind: 'status500', count: 5, method: 'POST' });

    const error = await failure(clientWith(TOKENS.full).startBuild(combined, {}), 'server');

    assert.equal(error.status, 500);
    assert.match(error.message, /server error/);
    assert.equal(emulator.requests.filter((request) => request.method === 'POST').length, 1);
  });

  it('reads an HTML 502 page as a server error with a readable message', async () => {
    emulator.inject({ kind: 'html502', count: 10 });

    const error = await failure(clientWith(TOKENS.full).listProjects(), 'server');

    assert.equal(error.status, 502);
    assert.match(error.message, /^Northflank had a server error while trying to list projects \(HTTP 502/);
    assert.ok(!error.message.includes('<'), 'no HTML in the message');
  });

  it('reports a 200 with malformed JSON as an unreadable answer rather than crashing', async () => {
    emulator.inject({ kind: 'malformedJson', count: 1 });

    const error = await failure(clientWith(TOKENS.full).getService(combined), 'unexpected');

    assert.match(error.message, /could not be read \(HTTP 200\): it is not valid JSON/);
  });

  it('says the server could not be reached when the connection is refused', async () => {
    const port = await freePort();
    const client = new NorthflankClient({ baseUrl: `http://127.0.0.1:${port}`, token: TOKENS.full, retry: FAST_RETRY });

    const error = await failure(client.listProjects(), 'network');

    assert.match(error.message, /Could not reach Northflank at http:\/\/127\.0\.0\.1:\d+ to list projects \(connection refused\)/);
  });
});
