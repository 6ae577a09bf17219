import { createHash, randomBytes } from 'node:crypto';
import * as http from 'node:http';
import * as https from 'node:https';
import type { Socket } from 'node:net';
import { closePayload, encodeClientFrame, Frame, OPCODE, ServerFrameReader, WebSocketProtocolError } from './webSocketFrames';

export interface SocketClosed {
  code: number;
  reason: string;
  /** Set when the connection failed instead of closing with a close frame. */
  error?: Error;
}

export interface TextSocketHandlers {
  onOpen(): void;
  onMessage(text: string): void;
  /** Called exactly once, last, however the socket ends. */
  onClose(closed: SocketClosed): void;
}

/** The part of a WebSocket the log tail needs: text in, text out. */
export interface TextSocket {
  send(text: string): void;
  close(code?: number, reason?: string): void;
}

export interface TextSocketOptions {
  /** Sent with the opening handshake; the global WebSocket cannot send headers and ignores them. */
  headers?: Record<string, string>;
  handshakeTimeoutMs?: number;
  maxMessageBytes?: number;
}

/**
 * Opens a text WebSocket: the runtime's own `WebSocket` where there is one (Node 22+), else a small
 * RFC 6455 client, because the Node 20 extension host has none and the `ws` package would add
 * about 50 KB to the bundle.
 */
export function openTextSocket(url: string, handlers: TextSocketHandlers, options: TextSocketOptions = {}): TextSocket {
  const Native = (globalThis as { WebSocket?: NativeWebSocketConstructor }).WebSocket;
  if (typeof Native === 'function') return openNativeSocket(Native, url, handlers);
  return openRfc6455Socket(url, handlers, options);
}

/** The hand-written client alone, whatever the runtime has. */
export function openRfc6455Socket(url: string, handlers: TextSocketHandlers, options: TextSocketOptions = {}): TextSocket {
  return new Rfc6455Socket(url, handlers, options);
}

const HANDSHAKE_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const CLOSE_GRACE_MS = 2000;

class Rfc6455Socket implements TextSocket {
  private state: 'connecting' | 'open' | 'closing' | 'closed' = 'connecting';
  private readonly request: http.ClientRequest;
  private socket?: Socket;
  private readonly reader: ServerFrameReader;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private fragments: Buffer[] = [];
  private fragmentBytes = 0;
  private fragmentOpcode?: number;
  private closeReceived?: { code: number; reason: string };
  private failure?: Error;
  private graceTimer?: NodeJS.Timeout;

  constructor(
    url: string,
    private readonly handlers: TextSocketHandlers,
    private readonly options: TextSocketOptions,
  ) {
    this.reader = new ServerFrameReader(options.maxMessageBytes ?? 16 * 1024 * 1024);
    const target = new URL(url);
    const secure = target.protocol === 'wss:';
    const key = randomBytes(16).toString('base64');
    this.request = (secure ? https : http).request({
      hostname: target.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: target.port || (secure ? 443 : 80),
      path: `${target.pathname}${target.search}`,
      method: 'GET',
      timeout: options.handshakeTimeoutMs ?? 15_000,
      headers: {
        ...options.headers,
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': key,
      },
    });
    this.request.on('upgrade', (response, socket, head) => this.upgraded(response, socket, head, key));
    this.request.on('response', (response) => {
      response.resume();
      this.fail(new Error(`the server answered HTTP ${response.statusCode} instead of opening a WebSocket`));
    });
    this.request.on('timeout', () => this.fail(new Error('the server did not open the WebSocket in time')));
    this.request.on('error', (error) => this.fail(error));
    this.request.end();
  }

  send(text: string): void {
    if (this.state !== 'open') throw new Error('The WebSocket is not open.');
    this.write(OPCODE.text, Buffer.from(text, 'utf8'));
  }

  close(code = 1000, reason = ''): void {
    if (this.state === 'connecting') {
      this.request.destroy();
      this.finish({ code: 1006, reason: 'closed before it opened' });
    } else if (this.state === 'open') {
      this.startClosing(code, reason);
    }
  }

  private upgraded(response: http.IncomingMessage, socket: Socket, head: Buffer, key: string): void {
    if (this.state !== 'connecting') {
      socket.destroy();
      return;
    }
    this.socket = socket;
    socket.setTimeout(0);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (error) => (this.failure ??= error));
    socket.on('close', () => this.socketClosed());
    const expected = createHash('sha1').update(`${key}${HANDSHAKE_GUID}`).digest('base64');
    if (response.headers['sec-websocket-accept'] !== expected) {
      this.fail(new Error('the server answered the WebSocket handshake with a wrong Sec-WebSocket-Accept'));
      return;
    }
    if (response.headers['sec-websocket-extensions']) {
      this.fail(new Error('the server chose a WebSocket extension that was not offered'));
      return;
    }
    this.state = 'open';
    this.handlers.onOpen();
    if (head.length > 0) this.receive(head);
  }

  private receive(chunk: Buffer): void {
    if (this.state === 'closed') return;
    try {
      for (const frame of this.reader.push(chunk)) this.handle(frame);
    } catch (error) {
      if (!(error instanceof WebSocketProtocolError)) throw error;
      this.failure ??= new Error(error.message);
      // Failing the connection: say why, then drop it without waiting for the server's answer.
      this.startClosing(error.closeCode, error.message);
      this.socket?.end(() => this.socket?.destroy());
    }
  }

  private handle(frame: Frame): void {
    if (frame.opcode === OPCODE.close) return this.closeFrame(frame.payload);
    if (frame.opcode === OPCODE.ping) {
      if (this.state === 'open') this.write(OPCODE.pong, frame.payload);
      return;
    }
    if (frame.opcode === OPCODE.pong || this.state !== 'open') return;
    const continuing = frame.opcode === OPCODE.continuation;
    if (continuing !== (this.fragmentOpcode !== undefined)) {
      throw new WebSocketProtocolError(1002, 'the server interleaved fragmented messages');
    }
    if (!continuing) this.fragmentOpcode = frame.opcode;
    this.fragments.push(frame.payload);
    this.fragmentBytes += frame.payload.length;
    if (this.fragmentBytes > (this.options.maxMessageBytes ?? 16 * 1024 * 1024)) {
      throw new WebSocketProtocolError(1009, 'the server sent a message that is too large');
    }
    if (!frame.fin) return;
    const opcode = this.fragmentOpcode;
    const message = Buffer.concat(this.fragments);
    this.fragments = [];
    this.fragmentBytes = 0;
    this.fragmentOpcode = undefined;
    if (opcode !== OPCODE.text) throw new WebSocketProtocolError(1003, 'the server sent a binary message');
    this.handlers.onMessage(this.decode(message));
  }

  private closeFrame(payload: Buffer): void {
    if (payload.length === 1) throw new WebSocketProtocolError(1002, 'the server sent a malformed close frame');
    const code = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
    const reason = payload.length > 2 ? this.decode(payload.subarray(2)) : '';
    this.closeReceived = { code, reason };
    if (this.state === 'open') {
      this.state = 'closing';
      this.write(OPCODE.close, payload.length >= 2 ? closePayload(code, '') : Buffer.alloc(0));
    }
    // The server closes TCP first; the grace timer covers one that does not.
    this.armGraceTimer();
  }

  private decode(bytes: Buffer): string {
    try {
      return this.decoder.decode(bytes);
    } catch {
      throw new WebSocketProtocolError(1007, 'the server sent text that is not valid UTF-8');
    }
  }

  private startClosing(code: number, reason: string): void {
    if (this.state !== 'open') return;
    this.state = 'closing';
    this.write(OPCODE.close, closePayload(code, reason));
    this.armGraceTimer();
  }

  private armGraceTimer(): void {
    if (this.graceTimer) return;
    this.graceTimer = setTimeout(() => this.socket?.destroy(), CLOSE_GRACE_MS);
    this.graceTimer.unref();
  }

  private write(opcode: number, payload: Buffer): void {
    if (this.socket?.writable) this.socket.write(encodeClientFrame(opcode, payload));
  }

  private fail(error: Error): void {
    if (this.state === 'closed') return;
    this.failure ??= error;
    this.request.destroy();
    if (this.socket) this.socket.destroy();
    else this.finish({ code: 1006, reason: '', error });
  }

  private socketClosed(): void {
    const received = this.closeReceived;
    if (received && !this.failure) this.finish(received);
    else this.finish({ code: received?.code ?? 1006, reason: received?.reason ?? '', error: this.failure ?? new Error('the connection closed without a close frame') });
  }

  private finish(closed: SocketClosed): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    if (this.graceTimer) clearTimeout(this.graceTimer);
    this.handlers.onClose(closed);
  }
}

interface NativeWebSocket {
  send(text: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: string, listener: (event: { data?: unknown; code?: number; reason?: string; message?: string }) => void): void;
}
type NativeWebSocketConstructor = new (url: string) => NativeWebSocket;

function openNativeSocket(Native: NativeWebSocketConstructor, url: string, handlers: TextSocketHandlers): TextSocket {
  const socket = new Native(url);
  let failure: Error | undefined;
  socket.addEventListener('open', () => handlers.onOpen());
  socket.addEventListener('message', (event) => {
    if (typeof event.data === 'string') handlers.onMessage(event.data);
    else socket.close(1003, 'binary messages are not expected');
  });
  socket.addEventListener('error', (event) => (failure ??= new Error(event.message || 'the WebSocket connection failed')));
  socket.addEventListener('close', (event) => {
    const code = event.code ?? 1006;
    handlers.onClose({ code, reason: event.reason ?? '', error: failure ?? (code === 1006 ? new Error('the connection closed without a close frame') : undefined) });
  });
  return socket;
}
