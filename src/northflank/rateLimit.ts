import type { HeaderReader } from './httpExchange';
import { RateLimitSnapshot } from './types';

/** Reads Northflank's `x-ratelimit-*` headers; `x-ratelimit-reset` is seconds until the window resets. */
export function readRateLimit(headers: HeaderReader, now: number): RateLimitSnapshot | undefined {
  const limit = headerNumber(headers, 'x-ratelimit-limit');
  const remaining = headerNumber(headers, 'x-ratelimit-remaining');
  const resetSeconds = headerNumber(headers, 'x-ratelimit-reset');
  if (limit === undefined || remaining === undefined || resetSeconds === undefined) return undefined;
  return { limit, remaining, resetSeconds, observedAt: now };
}

/** How long a 429 asks to wait: the rate-limit reset, else a standard `Retry-After` in seconds. */
export function secondsUntilRetry(headers: HeaderReader): number | undefined {
  return headerNumber(headers, 'x-ratelimit-reset') ?? headerNumber(headers, 'retry-after');
}

function headerNumber(headers: HeaderReader, name: string): number | undefined {
  const value = headers.get(name);
  if (value === null || value.trim() === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) && number >= 0 ? number : undefined;
}
