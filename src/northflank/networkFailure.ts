/** The system error code behind a failed request: on the error itself, or in its `cause` or an AggregateError's first error. */
export function failureCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && typeof current === 'object' && depth < 4; depth++) {
    const record = current as { code?: unknown; errors?: unknown; cause?: unknown; message?: unknown };
    if (typeof record.code === 'string') return record.code;
    if (Array.isArray(record.errors) && record.errors.length > 0) current = record.errors[0];
    else current = record.cause;
  }
  return undefined;
}

// Codes meaning the request never left this machine, so even a POST may be sent again.
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

export function neverSent(code: string | undefined): boolean {
  return code !== undefined && NEVER_SENT.has(code);
}

/** Failures that trying again in a second will not cure: an unknown host, a certificate problem. */
export function isPermanent(code: string | undefined): boolean {
  return code !== undefined && /ENOTFOUND|CERT|UNABLE_TO_VERIFY|ERR_TLS/.test(code);
}

export function describeFailureCode(code: string): string {
  return REASONS[code] ?? code;
}

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate cannot be verified',
};

