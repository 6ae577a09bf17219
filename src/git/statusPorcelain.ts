import type { WorkingTreeChanges } from './repositoryState';

/** What one `git status --porcelain=v2 --branch -z` reports. */
export interface PorcelainStatus {
  /** Undefined before the first commit (`branch.oid (initial)`). */
  sha: string | undefined;
  /** Undefined when HEAD is detached. */
  branch: string | undefined;
  upstream: { name: string; ahead: number; behind: number; exists: boolean } | undefined;
  changes: WorkingTreeChanges;
}

/**
 * The arguments that produce the output `parsePorcelainStatus` reads. A submodule counts when it is
 * checked out at another commit than the one recorded, but status does not look inside it: that
 * would run `git status` in it, under the submodule's own config and filters (see `gitProcess.ts`).
 */
export const PORCELAIN_STATUS_ARGS = [
  '--no-optional-locks',
  'status',
  '--porcelain=v2',
  '--branch',
  '-z',
  '--untracked-files=normal',
  '--no-renames',
  '--ignore-submodules=dirty',
];

/** Parses NUL-separated porcelain v2 output; see `git help status`, "Porcelain Format Version 2". */
export function parsePorcelainStatus(output: string): PorcelainStatus {
  const status: PorcelainStatus = { sha: undefined, branch: undefined, upstream: undefined, changes: { tracked: 0, untracked: 0, conflicted: 0 } };
  let upstreamName: string | undefined;
  let aheadBehind: [number, number] | undefined;
  const records = output.split('\0');
  for (let i = 0; i < records.length; i++) {
    const record = records[i];
    const kind = record.slice(0, 2);
    if (kind === '# ') {
      const space = record.indexOf(' ', 2);
      const key = record.slice(2, space);
      const value = record.slice(space + 1);
      if (key === 'branch.oid' && value !== '(initial)') status.sha = value;
      else if (key === 'branch.head' && value !== '(detached)') status.branch = value;
      else if (key === 'branch.upstream') upstreamName = value;
      else if (key === 'branch.ab') aheadBehind = parseAheadBehind(value);
    } else if (kind === '1 ') {
      status.changes.tracked++;
    } else if (kind === '2 ') {
      status.changes.tracked++;
      i++; // a rename or copy is followed by its original path as a record of its own
    } else if (kind === 'u ') {
      status.changes.tracked++;
      status.changes.conflicted++;
    } else if (kind === '? ') {
      status.changes.untracked++;
    }
  }
  if (upstreamName !== undefined) {
    status.upstream = { name: upstreamName, ahead: aheadBehind?.[0] ?? 0, behind: aheadBehind?.[1] ?? 0, exists: aheadBehind !== undefined };
  }
  return status;
}

function parseAheadBehind(value: string): [number, number] | undefined {
  const match = /^\+(\d+) -(\d+)$/.exec(value);
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}
