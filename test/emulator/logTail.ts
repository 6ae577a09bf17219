import { createHash } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { buildLogLines, type LogEntry } from './buildLogs';
import { progressOf } from './builds';
import { BAD_GATEWAY_PAGE } from './faults';
import { errorBody } from './http';
import { PARENT_KINDS, type ParentKind } from './parents';
import { recordedHeaders, type RecordedRequest, tokenFingerprint } from './recording';
import type { Pipeline } from './pipeline';
import { type BuildParent, type BuildRecord, buildsOf, findBuild, findParent, findProject } from './state';

/**
 * Northflank's build-log tail (`…/build-logs?queryType=tail`) over WebSocket: the token comes in an
 * `init` message, recent lines are replayed, new lines follow in batches at most once a second, and
 * the stream closes when the build concludes.
 */
/** Each upgrade is recorded in `requests` (one entry per connection) and may meet an injected fault. */
export type LogTailEndpointOptions = Pick<Pipeline, 'world' | 'requests' | 'faults' | 'sleep'>;

/** A simulated clock that announces its moves; pushes then follow it exactly instead of a real timer. */
export interface AnnouncingClock {
  now(): number;
  onAdvance(listener: () => void): () => void;
}

const PATH = new RegExp(`^/v1/(?:teams/[^/]+/)?projects/([^/]+)/(${PARENT_KINDS.map((parent) => parent.collection).join('|')})/([^/]+)/build-logs/?$`);
const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const BATCH_MS = 1000;
const REAL_POLL_MS = 100;

/** Answers WebSocket upgrades for the tail path; any other upgrade is refused. */
export function attachLogTail(server: Server, options: LogTailEndpointOptions): void {
  const connections = new Set<TailConnection>();
  const clock = options.world.clock as Partial<AnnouncingClock> & { now(): number };
  let stopTicking: (() => void) | undefined;
  const tick = () => connections.forEach((connection) => connection.push());
  const track = (connection: TailConnection) => {
    connections.add(connection);
    if (!stopTicking) {
      if (typeof clock.onAdvance === 'function') stopTicking = clock.onAdvance(tick);
      else {
        const interval = setInterval(tick, REAL_POLL_MS);
        stopTicking = () => clearInterval(interval);
      }
    }
  };
  const untrack = (connection: TailConnection) => {
    connections.delete(connection);
    if (connections.size === 0) {
      stopTicking?.();
      stopTicking = undefined;
    }
  };
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: recordedHeaders(req.headers),
      body: undefined,
      at: options.world.clock.now(),
    };
    options.requests.push(recorded);
    socket.on('error', () => socket.destroy());
    const match = PATH.exec(url.pathname);
    if (!match || url.searchParams.get('queryType') !== 'tail' || !req.headers['sec-websocket-key']) {
      return refuse(socket, 400, 'Expected a WebSocket upgrade to …/build-logs?queryType=tail');
    }
    const fault = options.faults?.take(req.method ?? 'GET', url.pathname);
    if (fault?.kind === 'reset') return void socket.destroy();
    if (fault?.kind === 'status500') return refuse(socket, 500, 'Internal server error');
    if (fault?.kind === 'html502') return void socket.end(httpHead(502, 'Bad Gateway', 'text/html', BAD_GATEWAY_PAGE));
    const open = () => {
      const accept = createHash('sha1').update(`${String(req.headers['sec-websocket-key'])}${GUID}`).digest('base64');
      socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
      const parentKind = PARENT_KINDS.find((candidate) => candidate.collection === match[2]) as ParentKind;
      const parent = { kind: parentKind.kind, id: decodeURIComponent(match[3]) };
      const target = { projectId: decodeURIComponent(match[1]), parentKind, parent, query: url.searchParams, recorded };
      const connection = new TailConnection(socket, options, target, fault?.kind === 'malformedJson', untrack);
      track(connection);
      if (head.length > 0) connection.receive(head);
    };
    if (fault?.kind === 'delay') void options.sleep(fault.ms).then(() => (socket.destroyed ? undefined : open()));
    else open();
  });
}

interface TailTarget {
  projectId: string;
  parentKind: ParentKind;
  parent: BuildParent;
  query: URLSearchParams;
  /** The upgrade's entry in `requests`, which learns the token's fingerprint from the init message. */
  recorded: RecordedRequest;
}

class TailConnection {
  private authorized = false;
  private closed = false;
  private sentUpTo = -Infinity;
  private lastBatchAt = -Infinity;
  private buffered = Buffer.alloc(0);
  private fragments: Buffer[] = [];

  constructor(
    private readonly socket: Duplex,
    private readonly options: LogTailEndpointOptions,
    private readonly target: TailTarget,
    private readonly malformed: boolean,
    private readonly untrack: (connection: TailConnection) => void,
  ) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('close', () => this.finish());
  }

  receive(chunk: Buffer): void {
    this.buffered = Buffer.concat([this.buffered, chunk]);
    for (;;) {
      const frame = readClientFrame(this.buffered);
      if (frame === 'incomplete') return;
      if (frame === 'invalid') return this.close(1002, 'Client frames must be masked');
      this.buffered = this.buffered.subarray(frame.size);
      if (frame.opcode === 0x8) return this.close(frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : 1000, '');
      if (frame.opcode === 0x9) this.write(0xa, frame.payload);
      if (frame.opcode > 0x2) continue;
      this.fragments.push(frame.payload);
      if (!frame.fin) continue;
      const text = Buffer.concat(this.fragments).toString('utf8');
      this.fragments = [];
      this.message(text);
    }
  }

  /** Sends what the build has written since the last batch, and closes once the build has concluded. */
  push(): void {
    if (!this.authorized || this.closed) return;
    const now = this.options.world.clock.now();
    const due = this.lines().filter((line) => line.at > this.sentUpTo && line.at <= now);
    if (due.length > 0) {
      if (now - this.lastBatchAt < BATCH_MS) return;
      this.sendLines(due, now);
    }
    // A tail of one build ends with it; a tail of the whole service stays open for the next build.
    const [build] = this.target.query.get('buildId') ? this.builds() : [];
    if (build && progressOf(this.options.world, build).concluded && this.lines().every((line) => line.at <= this.sentUpTo)) {
      this.close(1000, 'Build concluded');
    }
  }

  private message(text: string): void {
    if (this.authorized) return;
    let token: unknown;
    try {
      token = (JSON.parse(text) as { data?: { auth?: { apiToken?: unknown } } }).data?.auth?.apiToken;
    } catch {
      return this.fail('The first message must be {"type":"init","data":{"auth":{"type":"apiToken","apiToken":…}}}');
    }
    const { state } = this.options.world;
    if (typeof token === 'string') this.target.recorded.tokenFingerprint = tokenFingerprint(token);
    const known = state.tokens.find((candidate) => candidate.token === token);
    if (!known) {
      this.send({ type: 'init', data: { auth: 'failed', message: 'Invalid API token' } });
      return this.close(1008, 'Unauthorized');
    }
    const { projectId, parentKind, parent, query } = this.target;
    const permission = parentKind.permissions.viewLogs.name;
    if (!known.permissions.includes(permission)) return this.fail(`The API token lacks the permission '${permission}'`);
    if (!findProject(state, known, projectId) || !findParent(state, projectId, parent)) return this.fail(`${capitalized(parentKind.noun)} '${parent.id}' not found in project '${projectId}'`);
    const buildId = query.get('buildId');
    if (buildId && !findBuild(state, projectId, parent, buildId)) return this.fail(`Build '${buildId}' not found`);
    this.authorized = true;
    this.send({ type: 'init', data: { auth: 'successful' } });
    if (this.malformed) return void this.socket.write(textFrame('{"type":"log-li'));
    this.replay();
  }

  /** Like Northflank: the latest lines (10 unless lineLimit says) of the last 30 minutes, or since startTime. */
  private replay(): void {
    const now = this.options.world.clock.now();
    const { query } = this.target;
    const startTime = query.get('startTime');
    const from = startTime ? Date.parse(startTime) : now - 30 * 60_000;
    const limit = Number(query.get('lineLimit') ?? 10);
    const written = this.lines().filter((line) => line.at <= now);
    const inWindow = written.filter((line) => line.at >= from);
    const recent = Number.isInteger(limit) && limit > 0 ? inWindow.slice(-limit) : inWindow;
    // Lines older than the replay window are skipped for good, not sent later.
    this.sentUpTo = Math.max(this.sentUpTo, ...written.map((line) => line.at));
    if (recent.length > 0) this.sendLines(recent, now);
    this.push();
  }

  private builds(): BuildRecord[] {
    const { projectId, parent, query } = this.target;
    const buildId = query.get('buildId');
    return buildsOf(this.options.world.state, projectId, parent).filter((build) => !buildId || build.id === buildId);
  }

  private lines(): LogEntry[] {
    return this.builds()
      .flatMap((build) => buildLogLines(this.options.world, build))
      .sort((a, b) => a.at - b.at);
  }

  private sendLines(lines: LogEntry[], now: number): void {
    this.sentUpTo = Math.max(this.sentUpTo, ...lines.map((line) => line.at));
    this.lastBatchAt = now;
    this.send({ type: 'log-lines', data: lines.map(({ containerId, log, at }) => ({ containerId, log, ts: new Date(at).toISOString() })) });
  }

  private fail(message: string): void {
    this.send({ type: 'error', data: { message } });
    this.close(1008, 'Refused');
  }

  private send(message: unknown): void {
    this.write(0x1, Buffer.from(JSON.stringify(message), 'utf8'));
  }

  private write(opcode: number, payload: Buffer): void {
    if (!this.closed && this.socket.writable) this.socket.write(frame(opcode, payload));
  }

  private close(code: number, reason: string): void {
    if (this.closed) return;
    const payload = Buffer.alloc(2 + Buffer.byteLength(reason));
    payload.writeUInt16BE(code, 0);
    payload.write(reason, 2);
    this.write(0x8, payload);
    this.finish();
    this.socket.end();
  }

  private finish(): void {
    this.closed = true;
    this.untrack(this);
  }
}

function frame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const header = length < 126 ? Buffer.from([0x80 | opcode, length]) : Buffer.alloc(length < 0x10000 ? 4 : 10);
  if (length >= 126) {
    header[0] = 0x80 | opcode;
    header[1] = length < 0x10000 ? 126 : 127;
    if (length < 0x10000) header.writeUInt16BE(length, 2);
    else header.writeBigUInt64BE(BigInt(length), 2);
  }
  return Buffer.concat([header, payload]);
}

function textFrame(text: string): Buffer {
  return frame(0x1, Buffer.from(text, 'utf8'));
}

type ClientFrame = { fin: boolean; opcode: number; payload: Buffer; size: number };

function readClientFrame(bytes: Buffer): ClientFrame | 'incomplete' | 'invalid' {
  if (bytes.length < 2) return 'incomplete';
  if ((bytes[1] & 0x80) === 0) return 'invalid';
  let length = bytes[1] & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (bytes.length < 4) return 'incomplete';
    length = bytes.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (bytes.length < 10) return 'incomplete';
    length = Number(bytes.readBigUInt64BE(2));
    offset = 10;
  }
  if (bytes.length < offset + 4 + length) return 'incomplete';
  const mask = bytes.subarray(offset, offset + 4);
  const payload = Buffer.alloc(length);
  for (let i = 0; i < length; i++) payload[i] = bytes[offset + 4 + i] ^ mask[i & 3];
  return { fin: (bytes[0] & 0x80) !== 0, opcode: bytes[0] & 0x0f, payload, size: offset + 4 + length };
}

function refuse(socket: Duplex, status: number, message: string): void {
  socket.end(httpHead(status, status === 400 ? 'Bad Request' : 'Internal Server Error', 'application/json', JSON.stringify(errorBody(status, message))));
}

function httpHead(status: number, statusText: string, contentType: string, body: string): string {
  return `HTTP/1.1 ${status} ${statusText}\r\nContent-Type: ${contentType}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}

function capitalized(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
