import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { cleanToken, tokenProblem } from '../../src/northflank/apiToken';
import { NorthflankClient } from '../../src/northflank/client';
import type { ServiceRef } from '../../src/northflank/types';
import { failure } from './expectFailure';

const ref: ServiceRef = { projectId: 'p', serviceId: 's' };
const NO_RETRY = { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 };

/** A server of our own for answers no Northflank gives: huge, endless, echoing. */
async function serve(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; server: Server; hits: () => number }> {
  let hits = 0;
  const server = createServer((req, res) => {
    hits++;
    handler!(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, hits: () => hits };
}

describe('Client hardening: what a hostile server or a bad paste cannot do', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  describe('bounded answers', () => {
    it('refuses a 50 MB answer without reading it whole, and says why', async () => {
      const chunk = Buffer.alloc(1024 * 1024, 'x');
      const { url, server } = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        let sent = 0;
        const push = () => {
          while (sent < 50 && res.write(chunk)) sent++;
          if (sent < 50) res.once('drain', push);
          else res.end();
        };
        push();
      });
      servers.push(server);
      const before = process.memoryUsage().arrayBuffers;
      const error = await failure(new NorthflankClient({ baseUrl: url, token: 'a-token', retry: NO_RETRY }).getService(ref), 'unexpected');
      assert.match(error.message, /larger than 8 MB, so it was not read/);
      assert.ok(process.memoryUsage().arrayBuffers - before < 32 * 1024 * 1024, 'the answer was not buffered whole');
    });

    it('refuses an answer whose declared length is over the limit before reading any of it', async () => {
      const { url, server } = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(100 * 1024 * 1024) });
        res.write('{"data":');
      });
      servers.push(server);
      const error = await failure(new NorthflankClient({ baseUrl: url, token: 'a-token', retry: NO_RETRY }).getService(ref), 'unexpected');
      assert.match(error.message, /larger than 8 MB/);
    });

    it('stops reading a never-ending answer at the limit, long before the timeout', async () => {
      const { url, server } = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const timer = setInterval(() => res.write(Buffer.alloc(256 * 1024, 'x')), 1);
        res.on('close', () => clearInterval(timer));
      });
      servers.push(server);
      const started = Date.now();
      await failure(new NorthflankClient({ baseUrl: url, token: 'a-token', retry: NO_RETRY, timeoutMs: 20_000 }).getService(ref), 'unexpected');
      assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
    });
  });

  describe('the right message when nothing left the machine', () => {
    for (const [what, token] of [
      ['a pasted curly quote', 'abc\u2019def'],
      ['a line break', 'abc\ndef'],
      ['a NUL', 'abc\u0000def'],
    ] as const) {
      it(`says the token holds ${what}, sends nothing, and does not say the build may have started`, async () => {
        const { url, server, hits } = await serve((_req, res) => res.end('{}'));
        servers.push(server);
        const error = await failure(new NorthflankClient({ baseUrl: url, token, retry: NO_RETRY }).startBuild(ref, {}), 'unauthorized');
        assert.match(error.message, /The token holds .* at position 4/);
        assert.doesNotMatch(error.message, /may have started|Could not reach/);
        assert.equal(hits(), 0, 'nothing reached the server');
        assert.ok(!inspect(error, { depth: 5 }).includes('abc'), 'the token is nowhere in the error');
      });
    }

    it('says no build was started when the connection is refused, on any port', async () => {
      // 6000 is on the Fetch standard's list of ports fetch refuses; Node's http connects to it like any other.
      const { server } = await serve((_req, res) => res.end('{}'));
      const port = (server.address() as AddressInfo).port;
      await new Promise((resolve) => server.close(resolve));
      for (const url of [`http://127.0.0.1:${port}`, 'http://127.0.0.1:6000']) {
        const error = await failure(new NorthflankClient({ baseUrl: url, token: 'a-token', retry: NO_RETRY }).startBuild(ref, {}), 'network');
        assert.match(error.message, /connection refused/);
        assert.doesNotMatch(error.message, /may have started|fetch/);
      }
    });

    it('trims a pasted token and refuses inner whitespace or control characters before it is saved', () => {
      assert.equal(cleanToken('  eyJ.abc.def \n'), 'eyJ.abc.def');
      assert.equal(tokenProblem('eyJ.abc.def'), undefined);
      assert.match(tokenProblem('eyJ abc') ?? '', /a space at position 4/);
      assert.match(tokenProblem('eyJ\tabc') ?? '', /a tab at position 4/);
      assert.match(tokenProblem('eyJ\u0007abc') ?? '', /a control character \(U\+0007\)/);
      assert.match(tokenProblem('eyJ\u00a0abc') ?? '', /an invisible space/);
    });
  });

  describe('errors keep no secret', () => {
    it('redacts a token the server echoes in the message, the details and the error id', async () => {
      const token = 'secret-token-1234';
      const { url, server } = await serve((req, res) => {
        const echoed = (req.headers.authorization ?? '').replace('Bearer ', '');
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { status: 400, message: `bad ${echoed}`, id: `id-${echoed}`, details: { token: echoed, nested: [echoed] } } }));
      });
      servers.push(server);
      const error = await failure(new NorthflankClient({ baseUrl: url, token, retry: NO_RETRY }).getService(ref), 'invalid');
      assert.ok(!inspect(error, { depth: 10 }).includes(token), inspect(error, { depth: 10 }));
      assert.ok(!JSON.stringify(error.details).includes(token));
      assert.ok(!(error.errorId ?? '').includes(token));
      assert.match(error.message, /<token>/);
    });
  });
});
