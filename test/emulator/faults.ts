/**
 * A fault applies to the next `count` requests (default 1) that match. `path` is either an exact
 * pathname (no query string) or a RegExp tested against the pathname; `method` is case-insensitive.
 */
export type Fault =
  | { kind: 'delay'; ms: number; count?: number; path?: string | RegExp; method?: string }
  | { kind: 'status500' | 'html502' | 'reset' | 'malformedJson'; count?: number; path?: string | RegExp; method?: string }
  /** A proxy's 429 that says to wait no time at all (`x-ratelimit-reset: 0`), or only `retryAfter` seconds (`Retry-After`). */
  | {
      kind: 'status429';
      resetSeconds?: number;
      retryAfter?: number;
      /** Let every Nth matching request through, as a proxy that refuses most but not all. */
      passEvery?: number;
      count?: number;
      path?: string | RegExp;
      method?: string;
    };

interface ArmedFault {
  fault: Fault;
  remaining: number;
  matched: number;
}

export class FaultPlan {
  private armed: ArmedFault[] = [];

  inject(fault: Fault): void {
    const count = fault.count ?? 1;
    if (!Number.isInteger(count) || count < 1) throw new Error(`Fault count must be a positive integer, got ${String(fault.count)}`);
    this.armed.push({ fault, remaining: count, matched: 0 });
  }

  clear(): void {
    this.armed = [];
  }

  /** The first armed fault matching this request, used up by one. */
  take(method: string, pathname: string): Fault | undefined {
    const match = this.armed.find((entry) => matches(entry.fault, method, pathname));
    if (!match) return undefined;
    match.matched += 1;
    if (match.fault.kind === 'status429' && match.fault.passEvery && match.matched % match.fault.passEvery === 0) return undefined;
    match.remaining -= 1;
    if (match.remaining === 0) this.armed = this.armed.filter((entry) => entry !== match);
    return match.fault;
  }
}

function matches(fault: Fault, method: string, pathname: string): boolean {
  if (fault.method !== undefined && fault.method.toUpperCase() !== method.toUpperCase()) return false;
  if (fault.path === undefined) return true;
  if (typeof fault.path === 'string') return fault.path === pathname;
  fault.path.lastIndex = 0;
  return fault.path.test(pathname);
}

export const BAD_GATEWAY_PAGE =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n' +
  '<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

/** A 200 whose JSON stops half way, as when a proxy cuts a response short. */
export const MALFORMED_JSON = '{"data":{"id":"joyous-view-6290","status":"BUIL';
