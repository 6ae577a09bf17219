import { canonicalHostedPath } from './hostedPath';

/** The schemes a hosted repository is reached over: `git+ssh` and `ssh+git` are git's other names for ssh, `git+https` is npm's. */
const HOSTED_SCHEMES = new Set(['https', 'http', 'ssh', 'git', 'git+ssh', 'ssh+git', 'git+https', 'git+http']);
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;
/** git's scp-like form, `[user@]host:path`: a remote is one only when no `/` comes before the first `:`. */
const SCP_LIKE = /^(?:[^@/:]*@)?(\[[^\]/]*\]|[^:/]+):(.*)$/;
/** `C:\repos\shop` is a Windows path, not the host `C`: git makes the same exception. */
const DRIVE_LETTER = /^[A-Za-z]:/;
/** `<helper>::<address>` hands the address to a remote helper, whose meaning only that helper knows. */
const REMOTE_HELPER = /^[A-Za-z0-9][A-Za-z0-9+.-]*::/;

/**
 * A key that two remote URLs share when they name the same hosted repository, whatever form
 * each is written in (https, ssh, scp-like, git://, with or without `.git`, user or token);
 * undefined for a local path, a `file://` URL or anything else that is not a hosted repository.
 *
 * The port is left out: one server answers SSH on one port and HTTPS on another, and a key
 * holding the port would never match the SSH remote with the HTTPS URL a service records.
 * The path is compared without case because GitHub, GitLab, Bitbucket and Azure DevOps all
 * resolve owner and repository names case-insensitively, and people type them either way.
 */
export function repositoryKey(url: string): string | undefined {
  const parsed = parseRemote(url.trim());
  if (parsed === undefined) return undefined;
  const segments = pathSegments(parsed.pathname);
  if (segments.length === 0) return undefined;
  const { host, segments: canonical } = canonicalHostedPath({ host: parsed.hostname, segments });
  return [host, ...canonical].join('/');
}

export function sameRepository(a: string, b: string): boolean {
  const key = repositoryKey(a);
  return key !== undefined && key === repositoryKey(b);
}

/**
 * Parsed as https whatever the scheme: the URL class lower-cases and IDNA-encodes the host only
 * for the schemes it knows, and would leave an `ssh://` or `git://` host as written.
 */
function parseRemote(remote: string): URL | undefined {
  let hostAndPath: string;
  const scheme = SCHEME.exec(remote)?.[1].toLowerCase();
  if (scheme !== undefined) {
    if (!HOSTED_SCHEMES.has(scheme)) return undefined;
    hostAndPath = remote.slice(scheme.length + '://'.length);
  } else {
    const scp = DRIVE_LETTER.test(remote) || REMOTE_HELPER.test(remote) ? null : SCP_LIKE.exec(remote);
    if (scp === null) return undefined;
    hostAndPath = `${scp[1]}/${scp[2]}`;
  }
  try {
    return new URL(`https://${hostAndPath}`);
  } catch {
    return undefined;
  }
}

/** The path's segments, decoded and lower-cased, without empty ones and without the `.git` suffix. */
function pathSegments(pathname: string): string[] {
  const segments = pathname
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => decodeSegment(segment).toLowerCase());
  const last = segments.length - 1;
  if (last >= 0 && segments[last].endsWith('.git')) segments[last] = segments[last].slice(0, -'.git'.length);
  return segments.filter((segment) => segment !== '');
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
