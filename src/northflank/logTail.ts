import { normalizeBaseUrl } from './baseUrl';
import { missingTokenError, networkError, NorthflankError, withoutSecret } from './errors';
import { buildablePath, isJob } from './buildableRef';
import type { BuildableRef, LogLine } from './types';
import { openTextSocket, SocketClosed, TextSocket } from './webSocket';

export interface LogTailConnection {
  /** The API base URL, as for the REST client; `http:` only for loopback. */
  baseUrl?: string;
  token: string | (() => Promise<string | undefined>);
  userAgent?: string;
}

export interface LogTailQuery {
  buildId: string;
  lineLimit?: number;
  startTime?: Date;
}

export interface LogTailHandlers {
  /** The server accepted the token; log lines follow. */
  onReady?(): void;
  onLines(lines: LogLine[]): void;
  /** Called exactly once, last: without an error when the stream ended normally or was closed here. */
  onClose(error?: NorthflankError): void;
}

export interface LogTail {
  close(): void;
}

/**
 * Follows a build's log live over Northflank's WebSocket tail. The token goes in the first message,
 * not a header, so no header-capable client is needed.
 */
export function openBuildLogTail(
  connection: LogTailConnection,
  ref: BuildableRef,
  query: LogTailQuery,
  handlers: LogTailHandlers,
): LogTail {
  return new BuildLogTail(connection, ref, query, handlers);
}

export function buildLogTailUrl(baseUrl: string | undefined, ref: BuildableRef, query: LogTailQuery): string {
  const base = normalizeBaseUrl(baseUrl).replace(/^http/, 'ws');
  const params = new URLSearchParams({ queryType: 'tail', buildId: query.buildId });
  if (query.lineLimit !== undefined) params.set('lineLimit', String(query.lineLimit));
  if (query.startTime !== undefined) params.set('startTime', query.startTime.toISOString());
  const path = `${buildablePath(ref)}/build-logs`;
  return `${base}${path}?${params.toString()}`;
}

/** Normal closure, going away, and no code given. */
const NORMAL_CLOSE_CODES = new Set([1000, 1001, 1005]);

class BuildLogTail implements LogTail {
  private socket?: TextSocket;
  private closed = false;
  private closedHere = false;
  private error?: NorthflankError;
  private token = '';

  constructor(
    private readonly connection: LogTailConnection,
    private readonly ref: BuildableRef,
    private readonly query: LogTailQuery,
    private readonly handlers: LogTailHandlers,
  ) {
    this.start().catch((error: unknown) => this.end(asNorthflankError(error)));
  }

  close(): void {
    if (this.closed) return;
    this.closedHere = true;
    if (this.socket) this.socket.close(1000, '');
    else this.end(undefined);
  }

  private async start(): Promise<void> {
    const url = buildLogTailUrl(this.connection.baseUrl, this.ref, this.query);
    const token = typeof this.connection.token === 'string' ? this.connection.token : await this.connection.token();
    if (!token) throw missingTokenError();
    if (this.closed) return;
    this.token = token;
    const headers: Record<string, string> = this.connection.userAgent ? { 'User-Agent': this.connection.userAgent } : {};
    this.socket = openTextSocket(
      url,
      {
        onOpen: () => this.socket?.send(JSON.stringify({ type: 'init', data: { auth: { type: 'apiToken', apiToken: token } } })),
        onMessage: (text) => this.message(text),
        onClose: (closed) => this.socketClosed(closed),
      },
      { headers },
    );
  }

  private message(text: string): void {
    if (this.closed || this.error) return;
    let message: { type?: unknown; data?: unknown };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      return this.abandon(this.failure('unexpected', 'Northflank sent a message that is not JSON'));
    }
    const data = (message.data ?? {}) as Record<string, unknown>;
    if (message.type === 'init') {
      if (data.auth === 'successful') this.handlers.onReady?.();
      else this.abandon(this.authFailure(data.message));
    } else if (message.type === 'log-lines' && Array.isArray(message.data)) {
      const lines = message.data.flatMap(toLogLine);
      if (lines.length > 0) this.handlers.onLines(lines);
    } else if (message.type === 'error') {
      this.abandon(this.failure('server', typeof data.message === 'string' ? `Northflank reported "${data.message}"` : 'Northflank reported an error'));
    }
  }

  private abandon(error: NorthflankError): void {
    this.error = error;
    this.socket?.close(1000, '');
  }

  private socketClosed(closed: SocketClosed): void {
    if (this.error || this.closedHere) return this.end(this.error);
    if (!closed.error) {
      if (NORMAL_CLOSE_CODES.has(closed.code)) return this.end(undefined);
      const reason = closed.reason ? `: ${closed.reason}` : '';
      return this.end(this.failure('server', `Northflank closed it with code ${closed.code}${reason}`));
    }
    const baseUrl = normalizeBaseUrl(this.connection.baseUrl);
    const error = networkError({ operation: 'getBuildLogs', targets: this.targets(), baseUrl }, closed.error, false);
    error.message = `${error.message} (live log: ${closed.error.message})`;
    this.end(error);
  }

  private end(error: NorthflankError | undefined): void {
    if (this.closed) return;
    this.closed = true;
    this.handlers.onClose(error && this.token ? withoutSecret(error, this.token) : error);
  }

  private authFailure(said: unknown): NorthflankError {
    const detail = typeof said === 'string' && said ? ` Northflank said: "${said}".` : '';
    return new NorthflankError({
      kind: 'unauthorized',
      message: `Northflank rejected the API token when opening the live log of build '${this.query.buildId}'.${detail} Sign in again with 'Northflank: Sign In…'.`,
    });
  }

  private failure(kind: 'server' | 'unexpected', problem: string): NorthflankError {
    return new NorthflankError({ kind, message: `The live log of build '${this.query.buildId}' stopped: ${problem}.` });
  }

  private targets() {
    const parent = isJob(this.ref) ? { jobId: this.ref.jobId } : { serviceId: this.ref.serviceId };
    return { projectId: this.ref.projectId, ...parent, buildId: this.query.buildId };
  }
}

function toLogLine(raw: unknown): LogLine[] {
  if (raw === null || typeof raw !== 'object') return [];
  const line = raw as { containerId?: unknown; log?: unknown; ts?: unknown };
  if (typeof line.log !== 'string') return [];
  const ts = typeof line.ts === 'number' ? new Date(line.ts).toISOString() : typeof line.ts === 'string' ? line.ts : '';
  return [{ log: line.log, ts, ...(typeof line.containerId === 'string' ? { containerId: line.containerId } : {}) }];
}

function asNorthflankError(error: unknown): NorthflankError {
  if (error instanceof NorthflankError) return error;
  return new NorthflankError({ kind: 'unexpected', message: `The live log could not be opened: ${String(error)}.`, cause: error });
}
