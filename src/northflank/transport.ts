import {
  cancelledError,
  ErrorContext,
  errorForStatus,
  missingTokenError,
  networkError,
  NorthflankError,
  parseApiErrorBody,
  Targets,
  invalidTokenError,
  timeoutError,
  tooLargeError,
  unreadableAnswerError,
  withoutSecret,
} from './errors';
import { cleanToken, tokenProblem } from './apiToken';
import { exchange, type HttpResponse } from './httpExchange';
import { failureCode, isPermanent, neverSent } from './networkFailure';
import { OperationName } from './permissions';
import { readRateLimit, secondsUntilRetry } from './rateLimit';
import { FailedAttempt, retryDelayMs, RetryOptions } from './retryPolicy';
import { RateLimitSnapshot, RequestLogEntry } from './types';

/**
 * The token, or a function that finds it for a request's targets (project, service or job): people
 * signed in to several teams send each project's requests with its own team's token.
 */
export type TokenSource = string | ((targets: Targets) => Promise<string | undefined>);

export interface TransportOptions {
  baseUrl: string;
  token: TokenSource;
  userAgent: string;
  timeoutMs: number;
  retry: RetryOptions;
  onRequest?: (entry: RequestLogEntry) => void;
}

export interface ApiRequest {
  operation: OperationName;
  method: 'GET' | 'POST' | 'DELETE';
  /** Already percent-encoded, starting with `/v1/`. */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  targets?: Targets;
  /** The most of an answer that is read; more is refused, not buffered. Default MAX_ANSWER_BYTES. */
  maxBytes?: number;
}

/** No JSON answer of the Northflank API comes near this; a larger one is a wrong URL or a hostile server. */
export const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

export interface ApiAnswer {
  status: number;
  /** The parsed JSON body, or undefined when the body was empty. */
  body: unknown;
}

type Outcome = { answer: ApiAnswer } | { error: NorthflankError; failure: FailedAttempt };

/** Sends one API request: one HTTP exchange with a timeout and the caller's cancel, retries, and error mapping. */
export class Transport {
  rateLimit: RateLimitSnapshot | undefined;

  constructor(private readonly options: TransportOptions) {}

  async send(request: ApiRequest, signal?: AbortSignal): Promise<ApiAnswer> {
    const ctx: ErrorContext = { operation: request.operation, targets: request.targets ?? {}, baseUrl: this.options.baseUrl };
    if (signal?.aborted) throw cancelledError(ctx);
    const token = await this.resolveToken(ctx.targets);
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(request, ctx, token, signal);
      if ('answer' in outcome) return outcome.answer;
      const waitMs = retryDelayMs(outcome.failure, attempt, this.options.retry);
      if (waitMs === undefined) throw outcome.error;
      await sleep(waitMs, signal, () => cancelledError(ctx));
    }
  }

  private async resolveToken(targets: Targets): Promise<string> {
    const { token } = this.options;
    const value = typeof token === 'string' ? token : await token(targets);
    if (!value?.trim()) throw missingTokenError();
    const clean = cleanToken(value);
    // A character HTTP cannot put in a header would fail before sending; say what is wrong instead.
    const problem = tokenProblem(clean);
    if (problem) throw invalidTokenError(problem);
    return clean;
  }

  private async attempt(request: ApiRequest, ctx: ErrorContext, token: string, signal?: AbortSignal): Promise<Outcome> {
    const started = Date.now();
    const deadline = new Deadline(this.options.timeoutMs, signal);
    let status: number | undefined;
    let outcome: Outcome;
    try {
      // A redirect is answered as an unexpected status rather than followed with the token attached.
      const response = await exchange(this.url(request), {
        method: request.method,
        headers: this.headers(token, request.body !== undefined),
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: deadline.signal,
      });
      status = response.status;
      this.rateLimit = readRateLimit(response.headers, Date.now()) ?? this.rateLimit;
      const limit = request.maxBytes ?? MAX_ANSWER_BYTES;
      const text = await response.text(limit);
      if (text === undefined) {
        const error = tooLargeError(ctx, response.status, limit);
        outcome = { error, failure: { method: request.method, kind: error.kind, reachedServer: true, permanent: true } };
      } else {
        outcome = response.status >= 200 && response.status < 300 ? parseSuccess(ctx, request.method, response.status, text) : failureFromStatus(ctx, request.method, response, text);
      }
    } catch (thrown) {
      outcome = failureFromThrown(ctx, request.method, thrown, deadline, status !== undefined);
    } finally {
      deadline.dispose();
    }
    if ('error' in outcome) outcome = { ...outcome, error: withoutSecret(outcome.error, token) };
    this.report({
      method: request.method,
      path: request.path,
      status,
      durationMs: Date.now() - started,
      error: 'error' in outcome ? outcome.error.message : undefined,
    });
    return outcome;
  }

  private url(request: ApiRequest): string {
    const query = Object.entries(request.query ?? {})
      .filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '')
      .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
      .join('&');
    return `${this.options.baseUrl}${request.path}${query ? `?${query}` : ''}`;
  }

  private headers(token: string, hasBody: boolean): Record<string, string> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      Accept: 'application/json',
      'User-Agent': this.options.userAgent,
    };
    if (hasBody) headers['Content-Type'] = 'application/json';
    return headers;
  }

  private report(entry: RequestLogEntry): void {
    try {
      this.options.onRequest?.(entry);
    } catch {
      // A broken logger must not turn a successful request into a failure.
    }
  }
}

function parseSuccess(ctx: ErrorContext, method: string, status: number, text: string): Outcome {
  if (text.trim() === '') return { answer: { status, body: undefined } };
  try {
    return { answer: { status, body: JSON.parse(text) as unknown } };
  } catch {
    const error = unreadableAnswerError(ctx, status, 'it is not valid JSON');
    return { error, failure: { method, kind: error.kind, reachedServer: true } };
  }
}

function failureFromStatus(ctx: ErrorContext, method: string, response: HttpResponse, text: string): Outcome {
  const retryAfterSeconds = response.status === 429 ? secondsUntilRetry(response.headers) : undefined;
  const error = errorForStatus(ctx, response.status, response.statusText, parseApiErrorBody(text), retryAfterSeconds);
  return { error, failure: { method, kind: error.kind, reachedServer: true, retryAfterSeconds } };
}

function failureFromThrown(ctx: ErrorContext, method: string, thrown: unknown, deadline: Deadline, answered: boolean): Outcome {
  const code = failureCode(thrown);
  const reachedServer = answered || !neverSent(code);
  if (deadline.cancelled) return { error: cancelledError(ctx), failure: { method, kind: 'cancelled', reachedServer } };
  if (deadline.timedOut) {
    return { error: timeoutError(ctx, deadline.timeoutMs, reachedServer), failure: { method, kind: 'timeout', reachedServer } };
  }
  const error = networkError(ctx, thrown, reachedServer);
  return { error, failure: { method, kind: 'network', reachedServer, permanent: isPermanent(code) } };
}

/** One attempt's abort signal: fires on the timeout or on the caller's cancel, and remembers which. */
class Deadline {
  readonly signal: AbortSignal;
  timedOut = false;
  cancelled = false;
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly onCancel = (): void => {
    this.cancelled = true;
    this.controller.abort();
  };

  constructor(
    readonly timeoutMs: number,
    private readonly caller?: AbortSignal,
  ) {
    this.signal = this.controller.signal;
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort();
    }, timeoutMs);
    if (caller?.aborted) this.onCancel();
    else caller?.addEventListener('abort', this.onCancel, { once: true });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.caller?.removeEventListener('abort', this.onCancel);
  }
}

function sleep(ms: number, signal: AbortSignal | undefined, cancelled: () => NorthflankError): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled());
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(cancelled());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
