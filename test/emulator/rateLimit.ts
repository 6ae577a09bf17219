import type { Clock } from './builds';

export interface RateLimitOptions {
  limit: number;
  windowSeconds: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { limit: 1000, windowSeconds: 3600 };

export interface RateLimitVerdict {
  allowed: boolean;
  headers: Record<string, string>;
  resetSeconds: number;
}

interface Window {
  startedAt: number;
  used: number;
}

/** Northflank's documented scheme: N requests per token per window, the window starting at the first request. */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly options: RateLimitOptions,
    private readonly clock: Clock,
  ) {}

  hit(key: string): RateLimitVerdict {
    const now = this.clock.now();
    const windowMs = this.options.windowSeconds * 1000;
    let window = this.windows.get(key);
    if (!window || now >= window.startedAt + windowMs) {
      window = { startedAt: now, used: 0 };
      this.windows.set(key, window);
    }
    const allowed = window.used < this.options.limit;
    if (allowed) window.used += 1;
    const resetSeconds = Math.max(0, Math.ceil((window.startedAt + windowMs - now) / 1000));
    return {
      allowed,
      resetSeconds,
      headers: {
        'x-ratelimit-limit': String(this.options.limit),
        'x-ratelimit-remaining': String(Math.max(0, this.options.limit - window.used)),
        'x-ratelimit-reset': String(resetSeconds),
      },
    };
  }
}
