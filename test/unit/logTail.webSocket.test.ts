import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { openWsSocket, type SocketClosed } from '../../src/northflank/webSocket';

/** What a scripted test server saw the client send. */
interface ClientFrame {
  fin: boolean;
  opcode: number;
  masked: boolean;
  payload: Buffer;
}

interface Script {
  /** Answer the handshake with this accept value instead of the right one. */
  accept?: string;
  /** More header lines for the handshake answer. */
  headers?: string[];
  run(socket: Duplex, received: ClientFrame[]): void | Promise<void>;
}

/** A WebSocket server written out byte by byte, so the client meets exactly the frames a test wants. */
async function scriptedServer(script: Script): Promise<{ url: string; received: ClientFrame[]; server: Server }> {
  const received: ClientFrame[] = [];
  const server = createServer();
  server.on('upgrade', (req, socket: Duplex) => {
    const key = String(req.headers['sec-websocket-key']);
    const accept = script.accept ?? createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    const extra = (script.headers ?? []).map((line) => `${line}\r\n`).join('');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n${extra}\r\n`);
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      for (let frame = readFrame(buffered); frame; frame = readFrame(buffered)) {
        received.push(frame.frame);
        buffered = buffered.subarray(frame.size);
        // As a server should, it closes the connection once the client has sent its close frame.
        if (frame.frame.opcode === 0x8) socket.end();
      }
    });
    socket.on('error', () => undefined);
    void script.run(socket, received);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/tail`, received, server };
}

function readFrame(bytes: Buffer): { frame: ClientFrame; size: number } | undefined {
  if (bytes.length < 2) return undefined;
  const masked = (bytes[1] & 0x80) !== 0;
  let length = bytes[1] & 0x7f;
  let offset = 2;
  if (length === 126) [length, offset] = [bytes.readUInt16BE(2), 4];
  if (length === 127) [length, offset] = [Number(bytes.readBigUInt64BE(2)), 10];
  const maskBytes = masked ? 4 : 0;
  if (bytes.length < offset + maskBytes + length) return undefined;
  const payload = Buffer.from(bytes.subarray(offset + maskBytes, offset + maskBytes + length));
  if (masked) for (let i = 0; i < length; i++) payload[i] ^= bytes[offset + (i & 3)];
  return { frame: { fin: (bytes[0] & 0x80) !== 0, opcode: bytes[0] & 0x0f, masked, payload }, size: offset + maskBytes + length };
}

function serverFrame(opcode: number, payload: Buffer | string, options: { fin?: boolean; mask?: boolean } = {}): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  const length = body.length;
  const head = [(options.fin === false ? 0 : 0x80) | opcode];
  const extended = length < 126 ? Buffer.alloc(0) : Buffer.alloc(length < 0x10000 ? 2 : 8);
  if (length >= 0x10000) extended.writeBigUInt64BE(BigInt(length));
  else if (length >= 126) extended.writeUInt16BE(length);
  head.push((options.mask ? 0x80 : 0) | (length < 126 ? length : length < 0x10000 ? 126 : 127));
  const mask = options.mask ? Buffer.from([1, 2, 3, 4]) : Buffer.alloc(0);
  const masked = options.mask ? body.map((byte, i) => byte ^ mask[i & 3]) : body;
  return Buffer.concat([Buffer.from(head), extended, mask, masked]);
}

function closeFrame(code: number, reason: string): Buffer {
  const payload = Buffer.alloc(2 + Buffer.byteLength(reason));
  payload.writeUInt16BE(code);
  payload.write(reason, 2);
  return serverFrame(0x8, payload);
}

interface Session {
  opened: boolean;
  messages: string[];
  closed: Promise<SocketClosed>;
  send(text: string): void;
}

function connect(url: string): Session {
  let resolveClosed: (closed: SocketClosed) => void = () => undefined;
  const session: Session = {
    opened: false,
    messages: [],
    closed: new Promise((resolve) => (resolveClosed = resolve)),
    send: (text) => socket.send(text),
  };
  const socket = openWsSocket(url, {
    onOpen: () => (session.opened = true),
    onMessage: (text) => session.messages.push(text),
    onClose: resolveClosed,
  });
  return session;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The close frame the client sent, once the server has read it. */
async function closeCodeSent(received: ClientFrame[]): Promise<number | undefined> {
  for (let i = 0; i < 500 && !received.some((frame) => frame.opcode === 0x8); i++) await wait(2);
  return received.find((frame) => frame.opcode === 0x8)?.payload.readUInt16BE(0);
}

/** Sends bytes a piece at a time, each once the one before has left, as a slow network delivers them. */
async function trickle(socket: Duplex, bytes: Buffer, pieceBytes: number, progress = { sent: 0 }): Promise<void> {
  for (let at = 0; at < bytes.length && socket.writable; at += pieceBytes) {
    await new Promise((resolve) => socket.write(bytes.subarray(at, at + pieceBytes), resolve));
    progress.sent = Math.min(bytes.length, at + pieceBytes);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const MiB = 1024 * 1024;

describe('WebSocket on Node 20, which has no WebSocket of its own (the ws package)', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  it('assembles a fragmented message around a ping, and answers the ping with its payload', async () => {
    const scripted = await scriptedServer({
      run: (socket) => {
        socket.write(serverFrame(0x1, 'hel', { fin: false }));
        socket.write(serverFrame(0x9, 'are you there'));
        socket.write(serverFrame(0x0, 'lo ', { fin: false }));
        socket.write(serverFrame(0x0, 'wörld'));
        socket.end(closeFrame(1000, ''));
      },
    });
    server = scripted.server;
    const session = connect(scripted.url);
    const closed = await session.closed;
    assert.deepEqual(session.messages, ['hello wörld']);
    assert.deepEqual(closed, { code: 1000, reason: '' });
    const pong = scripted.received.find((frame) => frame.opcode === 0xa);
    assert.equal(pong?.payload.toString(), 'are you there');
  });

  it('reads frames however the network splits them, with 16-bit and 64-bit lengths', async () => {
    const medium = 'm'.repeat(300);
    const large = 'L'.repeat(70_000);
    const scripted = await scriptedServer({
      run: async (socket) => {
        const bytes = Buffer.concat([serverFrame(0x1, 'tiny'), serverFrame(0x1, medium), serverFrame(0x1, large), closeFrame(1000, 'done')]);
        // The first 20 bytes one at a time, so headers arrive in pieces; the rest in uneven chunks.
        for (let i = 0; i < 20; i++) {
          socket.write(bytes.subarray(i, i + 1));
          await wait(1);
        }
        for (let i = 20; i < bytes.length; i += 7_001) {
          socket.write(bytes.subarray(i, i + 7_001));
          await wait(1);
        }
        socket.end();
      },
    });
    server = scripted.server;
    const session = connect(scripted.url);
    assert.deepEqual(await session.closed, { code: 1000, reason: 'done' });
    assert.deepEqual(session.messages, ['tiny', medium, large]);
  });

  it('reads an 8 MB message that trickles in 8 KiB at a time in time that grows with its size, not its square', async function () {
    this.timeout(60_000);
    const text = 'x'.repeat(8 * MiB - 1024);
    const scripted = await scriptedServer({
      run: async (socket) => {
        await trickle(socket, serverFrame(0x1, text), 8 * 1024);
        socket.end(closeFrame(1000, ''));
      },
    });
    server = scripted.server;
    const cpuBefore = process.cpuUsage();
    let longestStallMs = 0;
    let lastTick = performance.now();
    const ticker = setInterval(() => {
      longestStallMs = Math.max(longestStallMs, performance.now() - lastTick);
      lastTick = performance.now();
    }, 1);
    const session = connect(scripted.url);
    try {
      while (session.messages.length === 0) await wait(5);
    } finally {
      clearInterval(ticker);
    }
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    assert.equal(session.messages[0].length, text.length);
    assert.equal((await session.closed).code, 1000);
    // About 0.4 s of CPU with `ws`, server included; copying all that had come for each of the 1,024 pieces took 2.7 s and more.
    assert.ok(cpuMs < 1_500, `reading it took ${Math.round(cpuMs)} ms of CPU (the event loop stalled for up to ${Math.round(longestStallMs)} ms)`);
  });

  it('refuses a message over 8 MB with 1009 as soon as its length is known', async () => {
    const progress = { sent: 0 };
    const scripted = await scriptedServer({ run: (socket) => trickle(socket, serverFrame(0x1, 'y'.repeat(8 * MiB + 1)), 64 * 1024, progress) });
    server = scripted.server;
    const session = connect(scripted.url);
    const closed = await session.closed;
    assert.match(closed.error?.message ?? '', /message larger than 8 MB/);
    assert.equal(await closeCodeSent(scripted.received), 1009);
    assert.ok(progress.sent < MiB, `it read ${progress.sent} bytes first`);
    assert.deepEqual(session.messages, []);
  });

  it('masks every frame it sends, and echoes the close code the server chose', async () => {
    const scripted = await scriptedServer({
      run: async (socket, received) => {
        while (received.length === 0) await wait(1);
        socket.write(closeFrame(4000, 'bye'));
        while (received.length < 2) await wait(1);
        socket.end();
      },
    });
    server = scripted.server;
    const session = connect(scripted.url);
    while (!session.opened) await wait(1);
    session.send('x'.repeat(200));
    assert.deepEqual(await session.closed, { code: 4000, reason: 'bye' });
    assert.deepEqual(
      scripted.received.map((frame) => [frame.opcode, frame.masked]),
      [
        [0x1, true],
        [0x8, true],
      ],
    );
    assert.equal(scripted.received[0].payload.toString(), 'x'.repeat(200));
    assert.equal(scripted.received[1].payload.readUInt16BE(0), 4000);
  });

  for (const code of [1005, 999]) {
    it(`fails the connection with 1002 on a close frame that carries code ${code}, which no server may send, instead of echoing it`, async () => {
      const scripted = await scriptedServer({ run: (socket) => void socket.write(closeFrame(code, '')) });
      server = scripted.server;
      const closed = await connect(scripted.url).closed;
      assert.match(closed.error?.message ?? '', new RegExp(`invalid status code ${code}`));
      assert.equal(await closeCodeSent(scripted.received), 1002);
    });
  }

  it('fails the connection with 1007 on text that is not UTF-8', async () => {
    const scripted = await scriptedServer({ run: (socket) => void socket.write(serverFrame(0x1, Buffer.from([0x68, 0xff, 0xfe]))) });
    server = scripted.server;
    const session = connect(scripted.url);
    const closed = await session.closed;
    assert.match(closed.error?.message ?? '', /not valid UTF-8/);
    assert.equal(await closeCodeSent(scripted.received), 1007);
    assert.deepEqual(session.messages, []);
  });

  it('fails the connection with 1002 on a masked frame from the server', async () => {
    const scripted = await scriptedServer({ run: (socket) => void socket.write(serverFrame(0x1, 'hidden', { mask: true })) });
    server = scripted.server;
    const closed = await connect(scripted.url).closed;
    assert.match(closed.error?.message ?? '', /masked frame/);
    assert.equal(await closeCodeSent(scripted.received), 1002);
  });

  it('refuses a handshake answered with the wrong Sec-WebSocket-Accept', async () => {
    const scripted = await scriptedServer({ accept: 'd3JvbmcgYWNjZXB0IHZhbHVlIQ==', run: () => undefined });
    server = scripted.server;
    const session = connect(scripted.url);
    const closed = await session.closed;
    assert.equal(session.opened, false);
    assert.match(closed.error?.message ?? '', /Sec-WebSocket-Accept/);
  });

  it('refuses a subprotocol it did not ask for, before sending anything', async () => {
    const scripted = await scriptedServer({ headers: ['Sec-WebSocket-Protocol: chat'], run: () => undefined });
    server = scripted.server;
    const session = connect(scripted.url);
    const closed = await session.closed;
    assert.equal(session.opened, false, 'the socket opened, so the log tail would have sent the token');
    assert.match(closed.error?.message ?? '', /subprotocol that was not asked for/);
    assert.deepEqual(scripted.received, []);
  });

  it('reports a connection dropped without a close frame as abnormal (1006)', async () => {
    const scripted = await scriptedServer({ run: (socket) => void socket.end(serverFrame(0x1, 'last words')) });
    server = scripted.server;
    const session = connect(scripted.url);
    const closed = await session.closed;
    assert.equal(closed.code, 1006);
    assert.ok(closed.error);
    assert.deepEqual(session.messages, ['last words']);
  });
});
