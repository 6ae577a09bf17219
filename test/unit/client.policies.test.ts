import * as assert from 'node:assert/strict';
import { normalizeBaseUrl } from '../../src/northflank/baseUrl';
import { NorthflankClient } from '../../src/northflank/client';
import { errorForStatus, NorthflankError, withoutSecret } from '../../src/northflank/errors';
import { retryDelayMs } from '../../src/northflank/retryPolicy';
import { describeValidationDetails } from '../../src/northflank/validationDetails';

const RETRY = { attempts: 4, baseDelayMs: 100, maxDelayMs: 1000 };

function insecure(baseUrl: string): NorthflankError {
  try {
    new NorthflankClient({ baseUrl, token: 't' });
  } catch (error) {
    assert.ok(error instanceof NorthflankError);
    assert.equal(error.kind, 'insecureUrl');
    return error;
  }
  assert.fail(`'${baseUrl}' was accepted`);
}

describe('Northflank API URL policy', () => {
  it('uses https://api.northflank.com when no URL is configured', () => {
    assert.equal(new NorthflankClient({ token: 't' }).baseUrl, 'https://api.northflank.com');
    assert.equal(normalizeBaseUrl('  '), 'https://api.northflank.com');
  });

  it('refuses plain http: for a host that is not this machine, saying why', () => {
    const error = insecure('http://api.northflank.com');

    assert.match(error.message, /'http:\/\/api\.northflank\.com'/);
    assert.match(error.message, /unencrypted/);
    insecure('http://10.0.0.5:4010');
    insecure('http://localhost.example.com');
    insecure('http://127.0.0.1.nip.io');
  });

  it('allows plain http: for loopback hosts', () => {
    assert.equal(normalizeBaseUrl('http://127.0.0.1:4010'), 'http://127.0.0.1:4010');
    assert.equal(normalizeBaseUrl('http://127.8.9.10:4010'), 'http://127.8.9.10:4010');
    assert.equal(normalizeBaseUrl('http://localhost:4010/'), 'http://localhost:4010');
    assert.equal(normalizeBaseUrl('http://[::1]:4010'), 'http://[::1]:4010');
  });

  it('keeps a path prefix, drops trailing slashes and assumes https without a scheme', () => {
    assert.equal(normalizeBaseUrl('https://proxy.example.com/northflank//'), 'https://proxy.example.com/northflank');
    assert.equal(normalizeBaseUrl('api.northflank.com'), 'https://api.northflank.com');
  });

  it('refuses a URL with credentials without repeating them, and other schemes', () => {
    const error = insecure('https://me:hunter2@api.northflank.com');
    assert.ok(!error.message.includes('hunter2'));
    insecure('ftp://api.northflank.com');
    insecure('https://api.northflank.com/?x=1');
  });
});

describe('Northflank retry policy', () => {
  const post = { method: 'POST' };
  const get = { method: 'GET' };

  it('never retries a POST that may have reached the server', () => {
    for (const kind of ['network', 'server', 'rateLimited', 'timeout'] as const) {
      assert.equal(retryDelayMs({ ...post, kind, reachedServer: true, retryAfterSeconds: 1 }, 1, RETRY), undefined, kind);
    }
  });

  it('retries a POST whose connection was refused', () => {
    assert.ok((retryDelayMs({ ...post, kind: 'network', reachedServer: false }, 1, RETRY) ?? -1) >= 0);
  });

  it('backs off exponentially within the bound for GETs', () => {
    const delays = [1, 2, 3].map((attempt) => retryDelayMs({ ...get, kind: 'server', reachedServer: true }, attempt, RETRY) ?? -1);
    assert.ok(delays[0] >= 50 && delays[0] <= 100, String(delays));
    assert.ok(delays[1] >= 100 && delays[1] <= 200, String(delays));
    assert.ok(delays[2] >= 200 && delays[2] <= 400, String(delays));
    assert.equal(retryDelayMs({ ...get, kind: 'server', reachedServer: true }, 4, RETRY), undefined, 'attempts are bounded');
    const capped = retryDelayMs({ ...get, kind: 'server', reachedServer: true }, 3, { attempts: 9, baseDelayMs: 1000, maxDelayMs: 1500 });
    assert.ok((capped ?? Infinity) <= 1500);
  });

  it('waits for a rate-limit reset only when it is near', () => {
    assert.equal(retryDelayMs({ ...get, kind: 'rateLimited', reachedServer: true, retryAfterSeconds: 12 }, 1, RETRY), 12_000);
    assert.equal(retryDelayMs({ ...get, kind: 'rateLimited', reachedServer: true, retryAfterSeconds: 1800 }, 1, RETRY), undefined);
  });

  it('does not retry answers that will not change: 4xx, timeouts, unknown hosts', () => {
    for (const kind of ['unauthorized', 'forbidden', 'notFound', 'invalid', 'timeout', 'cancelled', 'unexpected'] as const) {
      assert.equal(retryDelayMs({ ...get, kind, reachedServer: true }, 1, RETRY), undefined, kind);
    }
    assert.equal(retryDelayMs({ ...get, kind: 'network', reachedServer: false, permanent: true }, 1, RETRY), undefined);
  });
});

describe('Northflank error messages', () => {
  const ctx = { operation: 'startBuild' as const, targets: { projectId: 'p', serviceId: 's' }, baseUrl: 'https://api.northflank.com' };

  it('lists the fields of a 400 whose details are an object of field to message', () => {
    const error = errorForStatus(ctx, 400, 'Bad Request', {
      message: 'Validation failed',
      details: { sha: 'must be 40 characters', overrides: { docker: { dockerfileTarget: ['must match ^[a-zA-Z0-9-_]+$'] } } },
    });

    assert.equal(error.kind, 'invalid');
    assert.equal(
      error.message,
      "Northflank refused to start a build of service 's' in project 'p' (HTTP 400): Validation failed. " +
        'Problems: sha: must be 40 characters; overrides.docker.dockerfileTarget: must match ^[a-zA-Z0-9-_]+$.',
    );
  });

  it('lists the fields of a 400 whose details are an array of entries', () => {
    assert.deepEqual(
      describeValidationDetails([
        { path: 'sha', message: 'too short' },
        { field: ['overrides', 'docker', 'dockerFilePath'], message: 'bad pattern' },
        'branch and pullRequestId cannot be combined',
        { message: 'no field here' },
      ]),
      ['sha: too short', 'overrides.docker.dockerFilePath: bad pattern', 'branch and pullRequestId cannot be combined', 'no field here'],
    );
  });

  it('reads odd details without failing', () => {
    assert.deepEqual(describeValidationDetails(undefined), []);
    assert.deepEqual(describeValidationDetails(null), []);
    assert.deepEqual(describeValidationDetails('plain text'), ['plain text']);
    assert.deepEqual(describeValidationDetails({ count: 3, nested: { deep: [] } }), ['count: 3']);
    const many = describeValidationDetails(Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${i}`, 'bad'])));
    assert.equal(many.length, 9);
    assert.equal(many[8], 'and 4 more');
  });

  it('writes a 400 without details as the server message alone', () => {
    const error = errorForStatus(ctx, 409, 'Conflict', { message: 'A build is already running' });

    assert.equal(error.message, "Northflank refused to start a build of service 's' in project 'p' (HTTP 409): A build is already running.");
  });

  it('removes the token from a message that a server echoed it into', () => {
    const token = 'nf-secret-token-value';
    const error = errorForStatus(ctx, 400, 'Bad Request', { message: `token ${token} is malformed` });

    const clean = withoutSecret(error, token);
    assert.ok(!clean.message.includes(token));
    assert.match(clean.message, /token <token> is malformed/);
  });
});
