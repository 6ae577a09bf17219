import { NorthflankErrorKind } from './errors';

export interface RetryOptions {
  /** Tries in total, the first one included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { attempts: 4, baseDelayMs: 500, maxDelayMs: 8000 };

/** A 429 is waited out only when the window resets soon; otherwise the person hears about it now. */
const MAX_RATE_LIMIT_WAIT_MS = 30_000;

export interface FailedAttempt {
  method: string;
  kind: NorthflankErrorKind;
  /** False only when the request certainly never left this machine (connection refused, name lookup failed). */
  reachedServer: boolean;
  /** A network failure that trying again will not cure, such as an unknown host or a bad certificate. */
  permanent?: boolean;
  retryAfterSeconds?: number;
}

/**
 * How long to wait before trying again, or undefined to give up now.
 *
 * A POST starts a build. Once its bytes may have reached Northflank (a reset connection, a timeout,
 * even a 5xx or 429 from a proxy in front of it) we cannot know whether a build was created, and a
 * duplicate build costs the person more than an error message that tells them to check. So a POST is
 * retried only when the connection was refused or the host name did not resolve: then nothing was
 * sent. GET and DELETE (abort) are idempotent and retry network failures, 5xx and 429.
 *
 * Timeouts are not retried: the person has already waited the whole timeout once.
 */
export function retryDelayMs(failure: FailedAttempt, attempt: number, retry: RetryOptions): number | undefined {
  if (attempt >= retry.attempts) return undefined;
  if (failure.method === 'POST' && failure.reachedServer) return undefined;
  switch (failure.kind) {
    case 'network':
      return failure.permanent ? undefined : backoffMs(attempt, retry);
    case 'server':
      return backoffMs(attempt, retry);
    case 'rateLimited': {
      if (failure.retryAfterSeconds === undefined || failure.retryAfterSeconds <= 0) return backoffMs(attempt, retry);
      const waitMs = failure.retryAfterSeconds * 1000;
      return waitMs <= MAX_RATE_LIMIT_WAIT_MS ? waitMs : undefined;
    }
    default:
      return undefined;
  }
}

/** Exponential, capped, with jitter so that several windows do not retry in step. */
function backoffMs(attempt: number, retry: RetryOptions): number {
  const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}
