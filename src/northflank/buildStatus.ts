import type { Build } from './types';

export type BuildPhase = 'queued' | 'running' | 'succeeded' | 'failed' | 'aborted';

const QUEUED = new Set(['QUEUED', 'PENDING', 'UNSCHEDULABLE']);
const FAILED = new Set(['FAILURE', 'CRASHED', 'SUBMISSION_FAILURE']);

/**
 * Whether a build has finished, whatever the outcome: the one test for it. `concluded` decides when
 * the answer has it; js-client types every build field but `id` as optional, so an answer without it
 * is taken as concluded when its status is one of the documented end states. An explicit `false`
 * wins over the status, and an unknown status without the flag is still running.
 */
export function isConcluded(build: Pick<Build, 'status' | 'concluded'>): boolean {
  // null says no more than a missing flag; the types allow neither, so be lenient.
  if (build.concluded != null) return build.concluded === true;
  return isConcludedStatus(build.status);
}

/**
 * Done-ness comes from `isConcluded` and the outcome from `success`, then `status`,
 * because the status enum has grown between API versions: an unknown status on an
 * unconcluded build is simply "running".
 */
export function buildPhase(build: Pick<Build, 'status' | 'concluded' | 'success'>): BuildPhase {
  const status = build.status ?? '';
  if (!isConcluded(build)) return QUEUED.has(status) ? 'queued' : 'running';
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

const STATUS_WORDS: Record<string, string> = {
  QUEUED: 'Queued',
  PENDING: 'Pending',
  UNSCHEDULABLE: 'Waiting for capacity',
  STARTING: 'Starting',
  CLONING: 'Cloning',
  BUILDING: 'Building',
  UPLOADING: 'Uploading',
  IN_PROGRESS: 'In progress',
  SUCCESS: 'Succeeded',
  FAILURE: 'Failed',
  CRASHED: 'Crashed',
  SUBMISSION_FAILURE: 'Not submitted',
  ABORTED: 'Aborted',
};

const PHASE_WORDS: Record<BuildPhase, string> = { queued: 'Queued', running: 'Running', succeeded: 'Succeeded', failed: 'Failed', aborted: 'Aborted' };

/** The status as a person says it ("Building", "Failed"); a status newer than this code by its phase. */
export function statusInWords(build: Pick<Build, 'status' | 'concluded' | 'success'>): string {
  const phase = buildPhase(build);
  const words = build.status ? STATUS_WORDS[build.status] : undefined;
  // A concluded build whose status still says it runs is described by its outcome.
  if (!words || (isConcluded(build) && phase !== 'failed' && !['SUCCESS', 'ABORTED'].includes(build.status ?? ''))) return PHASE_WORDS[phase];
  return words;
}

/** How long the build took, or has been going: `45s`, `2m 10s`, `1h 3m`; undefined without a start time. */
export function buildDuration(build: Pick<Build, 'createdAt' | 'buildConcludedAt' | 'concluded' | 'status'>, now = Date.now()): string | undefined {
  const started = Date.parse(build.createdAt ?? '');
  if (Number.isNaN(started)) return undefined;
  const ended = build.buildConcludedAt !== undefined ? build.buildConcludedAt * 1000 : isConcluded(build) ? undefined : now;
  if (ended === undefined) return undefined;
  const seconds = Math.max(0, Math.round((ended - started) / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${seconds % 60}s`;
  return `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}

const CONCLUDED_STATUSES = new Set(['SUCCESS', 'FAILURE', 'ABORTED', 'CRASHED', 'SUBMISSION_FAILURE']);

/**
 * For a bare status (a service list's `status.build`), which carries no `concluded` flag: the
 * documented end states. An unknown status is taken to be still running.
 */
export function isConcludedStatus(status: string | undefined): boolean {
  return status !== undefined && CONCLUDED_STATUSES.has(status);
}
