// The error type alone, apart from what builds each kind of error (errors.ts): what activation needs of it
// (an instanceof, a refused URL) loads without the rest.

export type NorthflankErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'notFound'
  | 'invalid'
  | 'rateLimited'
  | 'server'
  | 'network'
  | 'timeout'
  | 'cancelled'
  | 'insecureUrl'
  | 'unexpected';

export interface NorthflankErrorInit {
  kind: NorthflankErrorKind;
  message: string;
  status?: number;
  details?: unknown;
  retryAfterSeconds?: number;
  /** Northflank's own error id, worth quoting to their support. */
  errorId?: string;
  cause?: unknown;
}

/** Marks a NorthflankError made by any copy of this module (the bundles hold one; the integration tests, their own). */
const NORTHFLANK_ERROR = Symbol.for('northflank.error');

export class NorthflankError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [NORTHFLANK_ERROR]?: boolean })[NORTHFLANK_ERROR] === true;
  }

  readonly [NORTHFLANK_ERROR] = true;
  readonly kind: NorthflankErrorKind;
  readonly status?: number;
  readonly details?: unknown;
  readonly retryAfterSeconds?: number;
  readonly errorId?: string;

  constructor(init: NorthflankErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'NorthflankError';
    this.kind = init.kind;
    this.status = init.status;
    this.details = init.details;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.errorId = init.errorId;
  }
}

export function insecureUrlError(url: string, problem: string): NorthflankError {
  return new NorthflankError({ kind: 'insecureUrl', message: `The Northflank API URL '${url}' cannot be used: ${problem}` });
}
