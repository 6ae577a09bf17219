import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-case names; the authorization value is redacted. */
  headers: Record<string, string>;
  /**
   * Which token the request carried, without the token: `tokenFingerprint(token)` of its Bearer token
   * (of the `init` message's, for a log tail). Absent without one.
   */
  tokenFingerprint?: string;
  /** Parsed JSON when parseable, else the raw text, undefined when empty. */
  body: unknown;
  /** Emulator clock, ms. */
  at: number;
}

/** An answer the emulator sent, kept when started with `recordAnswers`. */
export interface RecordedAnswer {
  method: string;
  path: string;
  status: number;
  /** The JSON body as sent: `{data, pagination?}` or `{error}`. */
  body: unknown;
}

export function recordedHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const recorded: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    recorded[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  if (recorded.authorization !== undefined) {
    recorded.authorization = /^Bearer\b/i.test(recorded.authorization) ? 'Bearer <redacted>' : '<redacted>';
  }
  return recorded;
}

/** `sha256:` and the first 12 hex digits of the token's SHA-256: tells tokens apart without keeping them. */
export function tokenFingerprint(token: string): string {
  return `sha256:${createHash('sha256').update(token).digest('hex').slice(0, 12)}`;
}
