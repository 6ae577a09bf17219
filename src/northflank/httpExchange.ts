import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** A response's headers, read by name in any case; `null` when absent, as `Headers.get` says it. */
export interface HeaderReader {
  get(name: string): string | null;
}

export interface HttpRequest {
  method: string;
  headers: Record<string, string>;
  body?: string;
  /** Aborts the request, or the reading of its answer. */
  signal: AbortSignal;
}

export interface HttpResponse {
  status: number;
  statusText: string;
  headers: HeaderReader;
  /** The body as text, read chunk by chunk so that no more than `limit` bytes are ever held; undefined past it. */
  text(limit: number): Promise<string | undefined>;
}

/**
 * One HTTP exchange over Node's own http and https modules. Not `fetch`: Node loads its fetch
 * (undici, with its HTTP parser compiled from WebAssembly) on the first call, about 60–80 ms before
 * anything is sent, and that first call is the request a person waits for after Start Build. A
 * redirect is a response like any other, never followed, so the token is never sent elsewhere.
 * Resolves once the status and headers have arrived; rejects with Node's own error (its `code`
 * says why) when no response arrives, or with the signal's reason when aborted.
 */
export function exchange(url: string, request: HttpRequest): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const headers: Record<string, string> = { ...request.headers };
    if (request.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(request.body));
    const outgoing = send(target, { method: request.method, headers, signal: request.signal }, (incoming) => {
      resolve({
        status: incoming.statusCode ?? 0,
        statusText: incoming.statusMessage ?? '',
        headers: { get: (name) => headerValue(incoming, name) },
        text: (limit) => readLimited(incoming, limit, request.signal),
      });
    });
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

function headerValue(incoming: IncomingMessage, name: string): string | null {
  const value = incoming.headers[name.toLowerCase()];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}

function readLimited(incoming: IncomingMessage, limit: number, signal: AbortSignal): Promise<string | undefined> {
  const declared = Number(incoming.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    incoming.destroy();
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onAbort = (): void => {
      incoming.destroy();
      reject(signal.reason);
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    const done = (): void => signal.removeEventListener('abort', onAbort);
    incoming.on('data', (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > limit) {
        done();
        incoming.destroy();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    incoming.on('end', () => {
      done();
      resolve(new TextDecoder().decode(Buffer.concat(chunks)));
    });
    incoming.on('error', (error) => {
      done();
      reject(error);
    });
    // The connection closed before the body ended, without an error of its own.
    incoming.on('close', () => {
      if (!incoming.complete) {
        done();
        reject(Object.assign(new Error('the connection closed before the answer was complete'), { code: 'ECONNRESET' }));
      }
    });
  });
}
