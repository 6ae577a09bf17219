import type { SimpleGit } from 'simple-git';
import { describeGitFailure, gitErrorText } from './gitFailure';
import { gitForReading } from './gitProcess';

/** One remote: its URLs as the config writes them, and where git really fetches from and pushes to. */
export interface Remote {
  name: string;
  /** `remote.<name>.url` values, exactly as written in the config. */
  urls: string[];
  /** `remote.<name>.pushurl` values, exactly as written. */
  pushUrls: string[];
  /** Where git fetches from: the first url after `url.<base>.insteadOf` rewriting; undefined when the remote has no url. */
  fetchUrl: string | undefined;
  /** Where git pushes to, after `pushInsteadOf` or `insteadOf` rewriting. */
  effectivePushUrls: string[];
}

export interface RemoteUrls {
  remotes: Remote[];
  /** Why `remotes` is empty, in words for a person; undefined when there is a remote. */
  reason: string | undefined;
}

/** Each entry is `key\nvalue\0`; the remote's name may hold dots, so it runs to the last one. */
const RAW_URLS_ARGS = ['config', '-z', '--get-regexp', '^remote\\..+\\.(url|pushurl)$'];
/** Git's own rewriting, rather than a copy of its insteadOf rules that could drift from them. */
const EFFECTIVE_URLS_ARGS = ['remote', '-v'];
/** `origin<TAB>url (fetch)`, and after a fetch URL the partial clone filter, e.g. ` [blob:none]`. */
const REMOTE_LINE = /^([^\t]+)\t(.*) \((fetch|push)\)(?: \[[^\]]*\])?$/;

/**
 * The remotes of the repository that holds `folder`, to find the Northflank services that build it.
 * Two git processes, run side by side, that only read config: neither contacts a remote. Never
 * throws: without remotes the list is empty and `reason` says why.
 */
export async function readRemoteUrls(folder: string): Promise<RemoteUrls> {
  let git: SimpleGit;
  try {
    git = gitForReading(folder);
  } catch {
    return none(`The folder "${folder}" does not exist.`);
  }
  const [raw, effective] = await Promise.allSettled([git.raw(RAW_URLS_ARGS), git.raw(EFFECTIVE_URLS_ARGS)]);
  // Outside a repository only `git remote` fails: `git config` then reads the user's own config.
  if (effective.status === 'rejected') return none(describeFailure(effective.reason, folder));
  if (raw.status === 'rejected') return none(describeFailure(raw.reason, folder));
  const remotes = new Map<string, Remote>();
  const remote = (name: string): Remote => {
    const known = remotes.get(name);
    if (known !== undefined) return known;
    const added: Remote = { name, urls: [], pushUrls: [], fetchUrl: undefined, effectivePushUrls: [] };
    remotes.set(name, added);
    return added;
  };
  for (const entry of raw.value.split('\0')) {
    // A key without a line break is a bare `url` line without `=`, which holds no URL.
    const lineBreak = entry.indexOf('\n');
    const key = lineBreak < 0 ? null : /^remote\.(.+)\.(url|pushurl)$/.exec(entry.slice(0, lineBreak));
    if (key === null) continue;
    (key[2] === 'url' ? remote(key[1]).urls : remote(key[1]).pushUrls).push(entry.slice(lineBreak + 1));
  }
  for (const line of effective.value.split(/\r?\n/)) {
    const match = REMOTE_LINE.exec(line);
    if (match === null) continue;
    if (match[3] === 'fetch') remote(match[1]).fetchUrl = match[2];
    else remote(match[1]).effectivePushUrls.push(match[2]);
  }
  if (remotes.size === 0) {
    return none(`The repository holding "${folder}" has no remotes, so none can tell which Northflank services build it. Add the one they build from (git remote add origin <url>), then try again.`);
  }
  return { remotes: [...remotes.values()], reason: undefined };
}

/** Every URL, raw and effective, that may name the repository a service builds; each once. */
export function allRemoteUrls(remotes: readonly Remote[]): string[] {
  const urls = remotes.flatMap((remote) => [...remote.urls, ...remote.pushUrls, remote.fetchUrl ?? '', ...remote.effectivePushUrls]);
  return [...new Set(urls.filter((url) => url.trim() !== ''))];
}

function none(reason: string): RemoteUrls {
  return { remotes: [], reason };
}

function describeFailure(error: unknown, folder: string): string {
  if (/not a git repository/i.test(gitErrorText(error))) {
    return `The folder "${folder}" is not inside a git repository, so it has no remotes to find its Northflank services by. Open the repository's folder.`;
  }
  return describeGitFailure(error, 'reading the remotes', folder);
}
