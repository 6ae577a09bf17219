import type { Build } from './types';

export type BuildPhase = 'queued' | 'running' | 'succeeded' | 'failed' | 'aborted';

const QUEUED = new Set(['QUEUED', 'PENDING', 'UNSCHEDULABLE']);
const FAILED = new Set(['FAILURE', 'CRASHED', 'SUBMISSION_FAILURE']);

/**
 * Done-ness comes from `concluded` and the outcome from `success`, then `status`,
 * because the status enum has grown between API versions: an unknown status on an
 * unconcluded build is simply "running".
 */
export function buildPhase(build: Pick<Build, 'status' | 'concluded' | 'success'>): BuildPhase {
  const status = build.status ?? '';
  if (build.concluded !== true) return QUEUED.has(status) ? 'queued' : 'running';
  if (status === 'ABORTED') return 'aborted';
  if (build.success === true || status === 'SUCCESS') return 'succeeded';
  if (build.success === false || FAILED.has(status)) return 'failed';
  return 'failed';
}

/** `feature/login@1a2b3c4`, `PR #12@1a2b3c4`, or the id when the API told neither. */
export function buildSourceLabel(build: Pick<Build, 'branch' | 'pullRequestId' | 'sha' | 'id'>): string {
  const source = build.pullRequestId != null && build.pullRequestId !== '' ? `PR #${build.pullRequestId}` : build.branch;
  const sha = build.sha ? build.sha.slice(0, 7) : undefined;
  if (source && sha) return `${source}@${sha}`;
  return source ?? sha ?? build.id;
}
