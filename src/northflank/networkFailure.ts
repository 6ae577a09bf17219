/** The system error code behind a failed fetch: undici wraps it in `cause`, sometimes in an AggregateError. */
export function failureCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && typeof current === 'object' && depth < 4; depth++) {
    const record = current as { code?: unknown; errors?: unknown; cause?: unknown; message?: unknown };
    if (typeof record.code === 'string') return record.code;
    // fetch refuses the ports of the Fetch standard's "bad port" list before connecting, with no code.
    if (record.message === 'bad port') return BAD_PORT;
    if (Array.isArray(record.errors) && record.errors.length > 0) current = record.errors[0];
    else current = record.cause;
  }
  return undefined;
}

const BAD_PORT = 'BAD_PORT';

// Codes meaning the request never left this machine, so even a POST may be sent again.
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', BAD_PORT]);

export function neverSent(code: string | undefined): boolean {
  return code !== undefined && NEVER_SENT.has(code);
}

/** Failures that trying again in a second will not cure: an unknown host, a certificate problem. */
export function isPermanent(code: string | undefined): boolean {
  return code !== undefined && /ENOTFOUND|CERT|UNABLE_TO_VERIFY|ERR_TLS|BAD_PORT/.test(code);
}

export function describeFailureCode(code: string): string {
  return REASONS[code] ?? code;
}

const REASONS: Record<string, string> = {
  [BAD_PORT]: 'fetch refuses to connect to that port, which browsers block for safety; use another port in the API URL setting',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  UND_ERR_SOCKET: 'the connection closed unexpectedly',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate cannot be verified',
};

