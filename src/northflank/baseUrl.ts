import { insecureUrlError } from './northflankError';

export const DEFAULT_BASE_URL = 'https://api.northflank.com';

/**
 * Checks and normalizes the API base URL. The token travels in a header on every request, so a
 * plain `http:` URL is only allowed where the traffic never leaves the machine (a local emulator).
 * Returns the URL without a trailing slash, keeping any path prefix (a proxy may mount the API).
 */
export function normalizeBaseUrl(input: string | undefined): string {
  const text = (input ?? '').trim() || DEFAULT_BASE_URL;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    throw insecureUrlError(text, 'it is not a valid URL. Use something like https://api.northflank.com.');
  }
  if (url.username || url.password) {
    throw insecureUrlError(redactCredentials(url), 'it must not contain a user name or password; the API token is set separately.');
  }
  if (url.search || url.hash) {
    throw insecureUrlError(text, 'it must not have a query (?…) or fragment (#…).');
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw insecureUrlError(
      text,
      'plain http: would send the API token unencrypted. Use https:, or http: only for a server on this machine (localhost, 127.0.0.1 or [::1]).',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw insecureUrlError(text, `the ${url.protocol} scheme is not supported; use https:.`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]') return true;
  // The URL parser has already turned forms like 127.1 or 0x7f.0.0.1 into dotted decimal.
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function redactCredentials(url: URL): string {
  const copy = new URL(url.href);
  copy.username = '';
  copy.password = '';
  return copy.href;
}
