import type { ClientRequest, IncomingMessage } from 'node:http';
import { MAX_ANSWER_BYTES } from './transport';

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
 * Opens a text WebSocket: the runtime's own `WebSocket` where there is one (Node 22+), else the `ws`
 * package, because the Node 20 extension host has none.
 */
export function openTextSocket(url: string, handlers: TextSocketHandlers, options: TextSocketOptions = {}): TextSocket {
  const Native = (globalThis as { WebSocket?: NativeWebSocketConstructor }).WebSocket;
  if (typeof Native === 'function') return openNativeSocket(Native, url, handlers);
  return openWsSocket(url, handlers, options);
}

/** A batch of the tail is about 32 kB; a message far past that is not a log, and is refused before it fills memory. */
const MAX_MESSAGE_BYTES = MAX_ANSWER_BYTES;
/** How long to wait for the server's side of a closing handshake before dropping the connection. */
const CLOSE_GRACE_MS = 2000;

/** The `ws` package alone, whatever the runtime has. */
export function openWsSocket(url: string, handlers: TextSocketHandlers, options: TextSocketOptions = {}): TextSocket {
  // Loaded when the first tail opens rather than with the extension: many sessions never follow a log.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const WebSocket = require('ws') as WsConstructor;
  const maxMessageBytes = options.maxMessageBytes ?? MAX_MESSAGE_BYTES;
  const socket = new WebSocket(url, {
    headers: options.headers,
    handshakeTimeout: options.handshakeTimeoutMs ?? 15_000,
    maxPayload: maxMessageBytes,
    closeTimeout: CLOSE_GRACE_MS,
    perMessageDeflate: false,
  });
  let failure: Error | undefined;
  let closedBeforeOpen = false;
  socket.on('open', () => handlers.onOpen());
  socket.on('message', (data, isBinary) => {
    if (!isBinary) return handlers.onMessage(data.toString('utf8'));
    failure ??= new Error('the server sent a binary message');
    socket.close(1003, '');
  });
  socket.on('unexpected-response', (_request, response) => {
    failure ??= new Error(`the server answered HTTP ${response.statusCode} instead of opening a WebSocket`);
    response.resume();
    socket.terminate();
  });
  socket.on('error', (error) => (failure ??= describeWsError(error, maxMessageBytes)));
  socket.on('close', (code, reason) => {
    if (closedBeforeOpen) return handlers.onClose({ code: 1006, reason: 'closed before it opened' });
    const error = failure ?? (code === 1006 ? new Error('the connection closed without a close frame') : undefined);
    handlers.onClose({ code, reason: reason.toString('utf8'), ...(error ? { error } : {}) });
  });
  return {
    send: (text) => socket.send(text),
    close: (code = 1000, reason = '') => {
      if (socket.readyState === WS_CONNECTING) {
        closedBeforeOpen = true;
        socket.terminate();
      } else socket.close(code, reason);
    },
  };
}

/** What `ws` says when the server breaks the handshake, in the words of the log tail's messages. */
const HANDSHAKE_FAILURES: Record<string, string> = {
  'Opening handshake has timed out': 'the server did not open the WebSocket in time',
  'Invalid Sec-WebSocket-Accept header': 'the server answered the WebSocket handshake with a wrong Sec-WebSocket-Accept',
  'Server sent a subprotocol but none was requested': 'the server chose a WebSocket subprotocol that was not asked for',
  'Server sent a Sec-WebSocket-Extensions header but no extension was requested': 'the server chose a WebSocket extension that was not offered',
};

/** `ws` marks a breach of the protocol by the server with a code; connection failures keep Node's own error. */
function describeWsError(error: Error & { code?: string }, maxMessageBytes: number): Error {
  const handshake = HANDSHAKE_FAILURES[error.message];
  if (handshake) return new Error(handshake);
  switch (error.code) {
    case 'WS_ERR_INVALID_UTF8':
      return new Error('the server sent text that is not valid UTF-8');
    case 'WS_ERR_UNEXPECTED_MASK':
      return new Error('the server sent a masked frame');
    case 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH':
    case 'WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH':
      return new Error(`the server sent a message larger than ${Math.round(maxMessageBytes / (1024 * 1024))} MB`);
  }
  // e.g. "invalid status code 1005" for a close code no server may send.
  if (error.code?.startsWith('WS_ERR_')) return new Error(`the server broke the WebSocket protocol: ${error.message.replace(/^Invalid WebSocket frame: /, '')}`);
  return error;
}

const WS_CONNECTING = 0;

/** What is used of the `ws` package's WebSocket, which ships no types of its own. */
interface WsSocket {
  readonly readyState: number;
  on(event: 'open', listener: () => void): void;
  on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): void;
  on(event: 'unexpected-response', listener: (request: ClientRequest, response: IncomingMessage) => void): void;
  on(event: 'error', listener: (error: Error & { code?: string }) => void): void;
  on(event: 'close', listener: (code: number, reason: Buffer) => void): void;
  send(text: string): void;
  close(code?: number, reason?: string): void;
  terminate(): void;
}

type WsConstructor = new (
  url: string,
  options: {
    headers?: Record<string, string>;
    handshakeTimeout: number;
    maxPayload: number;
    closeTimeout: number;
    perMessageDeflate: boolean;
  },
) => WsSocket;

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
