import * as assert from 'node:assert/strict';
import { NorthflankClient } from '../../src/northflank/client';
import { RequestLogEntry, ServiceRef } from '../../src/northflank/types';
import { Emulator, startEmulator } from '../emulator';
import { SEED, TOKENS } from '../emulator/seed';
import { failure } from './expectFailure';
import { freePort } from '../vscode/freePort';

const FAST_RETRY = { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 };
const combined: ServiceRef = { projectId: SEED.projectId, serviceId: SEED.combinedServiceId };
const servicePath = `/v1/projects/${SEED.projectId}/services/${SEED.combinedServiceId}`;

describe('Northflank client retries, timeouts and cancelling (against the emulator)', () => {
  let emulator: Emulator;
  let log: RequestLogEntry[];
  const client = (options: { timeoutMs?: number } = {}) =>
    new NorthflankClient({ baseUrl: emulator.url, token: TOKENS.full, retry: FAST_RETRY, onRequest: (entry) => log.push(entry), ...options });
  const seen = (method: string, path?: string) =>
    emulator.requests.filter((request) => request.method === method && (path === undefined || request.path === path)).length;

  beforeEach(async () => {
    emulator = await startEmulator();
    log = [];
  });

  afterEach(async () => {
    await emulator.stop();
  });

  it('does not send a start build again after the connection was reset', async () => {
    emulator.inject({ kind: 'reset', count: 1, method: 'POST' });

    const error = await failure(client().startBuild(combined, {}), 'network');

    assert.equal(seen('POST'), 1, 'the emulator saw exactly one POST');
    assert.match(error.message, /The build may have started anyway/);
  });

  it('does not send a start build again after a 500', async () => {
    emulator.inject({ kind: 'status500', count: 1, method: 'POST' });

    await failure(client().startBuild(combined, {}), 'server');

    assert.equal(seen('POST'), 1);
  });

  it('tries a start build again when the connection was refused, since nothing was sent', async () => {
    const port = await freePort();
    const refused = new NorthflankClient({ baseUrl: `http://127.0.0.1:${port}`, token: TOKENS.full, retry: FAST_RETRY, onRequest: (entry) => log.push(entry) });

    const error = await failure(refused.startBuild(combined, {}), 'network');

    assert.equal(log.length, FAST_RETRY.attempts);
    assert.doesNotMatch(error.message, /may have started/);
  });

  it('retries a GET after a 500 and returns the answer', async () => {
    emulator.inject({ kind: 'status500', count: 1, path: servicePath, method: 'GET' });

    const service = await client().getService(combined);

    assert.equal(service.id, SEED.combinedServiceId);
    assert.equal(seen('GET', servicePath), 2);
    assert.deepEqual(log.map((entry) => entry.status), [500, 200]);
  });

  it('retries a GET after a reset connection and an HTML 502', async () => {
    emulator.inject({ kind: 'reset', count: 1, path: servicePath });
    emulator.inject({ kind: 'html502', count: 1, path: servicePath });

    const service = await client().getService(combined);

    assert.equal(service.id, SEED.combinedServiceId);
    assert.equal(seen('GET', servicePath), 3);
  });

  it('gives up on a GET after the configured number of attempts', async () => {
    emulator.inject({ kind: 'status500', count: 10, path: servicePath });

    await failure(client().getService(combined), 'server');

    assert.equal(seen('GET', servicePath), FAST_RETRY.attempts);
  });

  it('retries an abort, which is safe to repeat, after a 500', async () => {
    const started = await client().startBuild(combined, {});
    emulator.inject({ kind: 'status500', count: 1, method: 'DELETE' });

    await client().abortBuild(combined, started.id);

    assert.equal(seen('DELETE'), 2);
  });

  it('waits for a rate-limit window that resets within seconds, then succeeds', async function () {
    this.timeout(5000);
    await emulator.stop();
    emulator = await startEmulator({ rateLimit: { limit: 1, windowSeconds: 1 } });
    const limited = client();
    await limited.listProjects();

    const page = await limited.listProjects();

    assert.ok(page.items.length > 0);
    assert.deepEqual(log.map((entry) => entry.status), [200, 429, 200]);
  });

  it('stops waiting for a slow answer after the timeout', async () => {
    emulator.inject({ kind: 'delay', ms: 2000, count: 1 });
    const started = Date.now();

    const error = await failure(client({ timeoutMs: 100 }).listProjects(), 'timeout');

    assert.ok(Date.now() - started < 1000, 'the timeout ended the wait');
    assert.match(error.message, /^Northflank did not answer within 100 ms while trying to list projects\.$/);
    assert.equal(seen('GET'), 1, 'a timeout is not retried');
  });

  it('says a timed-out start build may have started', async () => {
    emulator.inject({ kind: 'delay', ms: 2000, count: 1, method: 'POST' });

    const error = await failure(client({ timeoutMs: 100 }).startBuild(combined, {}), 'timeout');

    assert.match(error.message, /The build may have started anyway/);
  });

  it('lets the caller cancel a request in flight', async () => {
    emulator.inject({ kind: 'delay', ms: 2000, count: 1 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();

    const error = await failure(client().listProjects(undefined, { signal: controller.signal }), 'cancelled');

    assert.ok(Date.now() - started < 1000);
    assert.match(error.message, /^Cancelled: list projects\.$/);
  });

  it('sends nothing when the caller has already cancelled', async () => {
    const controller = new AbortController();
    controller.abort();

    await failure(client().listProjects(undefined, { signal: controller.signal }), 'cancelled');

    assert.equal(emulator.requests.length, 0);
  });

  it('lets the caller cancel while waiting to retry', async () => {
    emulator.inject({ kind: 'status500', count: 10 });
    const slowRetry = new NorthflankClient({ baseUrl: emulator.url, token: TOKENS.full, retry: { attempts: 3, baseDelayMs: 5000, maxDelayMs: 5000 } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();

    await failure(slowRetry.listProjects(undefined, { signal: controller.signal }), 'cancelled');

    assert.ok(Date.now() - started < 1000);
    assert.equal(emulator.requests.length, 1);
  });
});
