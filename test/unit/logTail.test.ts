import { ApiClient, ApiClientInMemoryContextProvider } from '@northflank/js-client';
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { NorthflankClient } from '../../src/northflank/client';
import type { NorthflankError } from '../../src/northflank/errors';
import { buildLogTailUrl, LogTail, LogTailQuery, openBuildLogTail } from '../../src/northflank/logTail';
import type { LogLine } from '../../src/northflank/types';
import { nextTurns, SimulatedClock } from '../bench/simulatedClock';
import { type Emulator, SEED, startEmulator, TOKENS } from '../emulator';
import { TWO_MINUTE_PACE } from './watchRig';


const REF = { projectId: SEED.projectId, serviceId: SEED.combinedServiceId };

interface Recorded {
  ready: boolean;
  batches: LogLine[][];
  closed?: { error?: NorthflankError };
  tail: LogTail;
}

function follow(emulator: Emulator, query: LogTailQuery, token: string = TOKENS.full, baseUrl = emulator.url): Recorded {
  const recorded = { ready: false, batches: [] } as unknown as Recorded;
  recorded.tail = openBuildLogTail({ baseUrl, token }, REF, query, {
    onReady: () => (recorded.ready = true),
    onLines: (lines) => recorded.batches.push(lines),
    onClose: (error) => {
      assert.equal(recorded.closed, undefined, 'onClose is called once');
      recorded.closed = { error };
    },
  });
  return recorded;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 3_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

describe('Build log tail', () => {
  let clock: SimulatedClock;
  let emulator: Emulator;
  let client: NorthflankClient;
  beforeEach(async () => {
    clock = new SimulatedClock();
    emulator = await startEmulator({ clock, pace: TWO_MINUTE_PACE });
    client = new NorthflankClient({ baseUrl: emulator.url, token: TOKENS.full });
  });
  afterEach(async () => emulator.stop());

  it('replays the recent lines, streams new ones as the build runs, and ends cleanly when it concludes', async () => {
    const build = await client.startBuild(REF, {});
    await clock.advanceBy(30_000);
    const tail = follow(emulator, { buildId: build.id });
    await until(() => tail.batches.length > 0, 'the replay arrives');
    assert.equal(tail.ready, true);
    await clock.advanceBy(3 * 60_000, { settle: () => nextTurns() });
    await until(() => tail.closed !== undefined, 'the tail closes');

    assert.equal(tail.closed?.error, undefined);
    const streamed = tail.batches.flat();
    const stored = await client.getBuildLogs(REF, { buildId: build.id });
    assert.deepEqual(streamed, stored, 'the stream holds exactly the lines the range query returns, in order');
    assert.match(streamed.at(-1)?.log ?? '', /Image successfully built/);
    assert.ok(tail.batches.length >= 6, `lines came in ${tail.batches.length} batches as they were written`);
    const tails = emulator.requests.filter((request) => request.query.queryType === 'tail');
    assert.equal(tails.length, 1);
    assert.deepEqual(tails[0].query, { queryType: 'tail', buildId: build.id });
    assert.equal(tails[0].headers.authorization, undefined, 'the token travels in the init message, not a header');
  });

  // The official client bundles the `ws` package: a WebSocket implementation independent of ours.
  it('gives the same lines as the official js-client tailing the same build', async () => {
    const build = await client.startBuild(REF, {});
    await clock.advanceBy(5_000);
    const provider = new ApiClientInMemoryContextProvider();
    await provider.addContext({ name: 'emulator', token: TOKENS.full, host: emulator.url });
    const official = await new ApiClient(provider, { throwErrorOnHttpErrorCode: true }).get.service.buildLogTail({
      parameters: REF,
      options: { buildId: build.id },
    });
    const theirs: string[] = [];
    official.on('logs-received', (lines: { log: string; ts: Date }[]) => theirs.push(...lines.map((line) => `${line.ts.toISOString()} ${line.log}`)));
    const finished = official.start();
    const ours = follow(emulator, { buildId: build.id });
    await until(() => ours.batches.length > 0 && theirs.length > 0, 'both replays arrive');
    await clock.advanceBy(3 * 60_000, { settle: () => nextTurns() });
    await finished;
    await until(() => ours.closed !== undefined, 'our tail closes');
    assert.deepEqual(
      ours.batches.flat().map((line) => `${line.ts} ${line.log}`),
      theirs,
    );
    assert.ok(theirs.length >= 10);
  });

  it('replays only as many lines as lineLimit asks for', async () => {
    const build = await client.startBuild(REF, {});
    await clock.advanceBy(90_000);
    const tail = follow(emulator, { buildId: build.id, lineLimit: 2 });
    await until(() => tail.batches.length > 0, 'the replay arrives');
    assert.equal(tail.batches[0].length, 2);
    const all = await client.getBuildLogs(REF, { buildId: build.id });
    assert.deepEqual(tail.batches[0], all.slice(-2));
    tail.tail.close();
    await until(() => tail.closed !== undefined, 'the tail closes');
  });

  it('reports a rejected token as unauthorized, without repeating the token', async () => {
    const build = await client.startBuild(REF, {});
    const tail = follow(emulator, { buildId: build.id }, 'nf-wrong-token-1234');
    await until(() => tail.closed !== undefined, 'the tail closes');
    assert.equal(tail.ready, false);
    assert.equal(tail.closed?.error?.kind, 'unauthorized');
    assert.match(tail.closed?.error?.message ?? '', /rejected the API token.*Sign In…/);
    assert.doesNotMatch(tail.closed?.error?.message ?? '', /nf-wrong-token-1234/);
  });

  it('reports an unknown build as the server said it', async () => {
    const tail = follow(emulator, { buildId: 'no-such-build' });
    await until(() => tail.closed !== undefined, 'the tail closes');
    assert.equal(tail.closed?.error?.kind, 'server');
    assert.match(tail.closed?.error?.message ?? '', /Build 'no-such-build' not found/);
  });

  it('refuses plain ws: to a host that is not this machine, before connecting', async () => {
    const tail = follow(emulator, { buildId: 'any' }, TOKENS.full, 'http://api.example.com');
    await until(() => tail.closed !== undefined, 'the tail closes');
    assert.equal(tail.closed?.error?.kind, 'insecureUrl');
    assert.equal(emulator.requests.length, 0);
    assert.equal(buildLogTailUrl('https://api.northflank.com', REF, { buildId: 'b 1' }).split('?')[0], 'wss://api.northflank.com/v1/projects/default-project/services/web-combined/build-logs');
  });

  it('reports a server that answers HTTP instead of upgrading as a network failure', async () => {
    emulator.inject({ kind: 'status500', path: /\/build-logs$/ });
    const tail = follow(emulator, { buildId: 'any' });
    await until(() => tail.closed !== undefined, 'the tail closes');
    assert.equal(tail.closed?.error?.kind, 'network');
    assert.match(tail.closed?.error?.message ?? '', /HTTP 500 instead of opening a WebSocket/);
  });

  it('gives up on a stream it cannot read, saying so', async () => {
    const build = await client.startBuild(REF, {});
    emulator.inject({ kind: 'malformedJson', path: /\/build-logs$/ });
    const tail = follow(emulator, { buildId: build.id });
    await until(() => tail.closed !== undefined, 'the tail closes');
    assert.equal(tail.ready, true);
    assert.equal(tail.closed?.error?.kind, 'unexpected');
    assert.match(tail.closed?.error?.message ?? '', /live log of build '.+' stopped: Northflank sent a message that is not JSON/);
  });

  it('ends quietly, once, when closed here, before or after the handshake', async () => {
    const build = await client.startBuild(REF, {});
    const early = follow(emulator, { buildId: build.id });
    early.tail.close();
    const late = follow(emulator, { buildId: build.id });
    await until(() => late.ready, 'the second tail is ready');
    late.tail.close();
    await until(() => early.closed !== undefined && late.closed !== undefined, 'both close');
    assert.equal(early.closed?.error, undefined);
    assert.equal(late.closed?.error, undefined);
    assert.deepEqual(early.batches, []);
  });

  it('is ended by the emulator stopping, so a test never hangs on an open tail', async () => {
    const build = await client.startBuild(REF, {});
    const tail = follow(emulator, { buildId: build.id });
    await until(() => tail.ready, 'the tail is ready');
    await emulator.stop();
    await until(() => tail.closed !== undefined, 'the tail closes');
    emulator = await startEmulator();
  });

  it("works over the runtime's own WebSocket where there is one (Node 22+, or Node 20 with a flag)", async () => {
    const build = await client.startBuild(REF, {});
    await clock.advanceBy(5 * 60_000);
    const script = `
      const { openBuildLogTail } = require(${JSON.stringify(path.resolve(__dirname, '../../src/northflank/logTail.js'))});
      const lines = [];
      openBuildLogTail({ baseUrl: process.env.URL, token: process.env.TOKEN }, ${JSON.stringify(REF)}, { buildId: process.env.BUILD, lineLimit: 100 }, {
        onLines: (batch) => lines.push(...batch.map((line) => line.log)),
        onClose: (error) => console.log(JSON.stringify({ native: typeof WebSocket, lines, error: error && error.message })),
      });`;
    const flags = typeof (globalThis as { WebSocket?: unknown }).WebSocket === 'function' ? [] : ['--experimental-websocket'];
    const { stdout } = await promisify(execFile)(process.execPath, [...flags, '--no-warnings', '-e', script], {
      env: { ...process.env, URL: emulator.url, TOKEN: TOKENS.full, BUILD: build.id },
    });
    const result = JSON.parse(stdout) as { native: string; lines: string[]; error?: string };
    assert.equal(result.native, 'function');
    assert.equal(result.error, undefined);
    const stored = await client.getBuildLogs(REF, { buildId: build.id });
    assert.deepEqual(result.lines, stored.map((line) => line.log));
  });
});
