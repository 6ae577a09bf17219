/** How long a build spends in each status before moving on. */
export interface BuildPace {
  queuedMs: number;
  startingMs: number;
  cloningMs: number;
  buildingMs: number;
  uploadingMs: number;
}

/** For tests: a whole build takes 150 ms. */
export const FAST_PACE: BuildPace = { queuedMs: 20, startingMs: 20, cloningMs: 30, buildingMs: 60, uploadingMs: 20 };

/** For people watching: about a minute, most of it BUILDING, like a small real image. */
export const DEMO_PACE: BuildPace = { queuedMs: 4_000, startingMs: 6_000, cloningMs: 8_000, buildingMs: 35_000, uploadingMs: 7_000 };

export type RunningStatus = 'QUEUED' | 'STARTING' | 'CLONING' | 'BUILDING' | 'UPLOADING';
export type FinalStatus = 'SUCCESS' | 'FAILURE' | 'ABORTED';
/** The 13 documented values; a simulated build only walks through some, a seeded one may hold any. */
export type BuildStatus = RunningStatus | FinalStatus | 'PENDING' | 'UNSCHEDULABLE' | 'IN_PROGRESS' | 'SUBMISSION_FAILURE' | 'CRASHED';

export const CONCLUDED_STATUSES: ReadonlySet<BuildStatus> = new Set(['SUCCESS', 'FAILURE', 'ABORTED', 'SUBMISSION_FAILURE', 'CRASHED']);

export interface Phase {
  status: RunningStatus;
  startsAt: number;
  endsAt: number;
}

export interface BuildProgress {
  status: BuildStatus;
  concluded: boolean;
  /** When the build entered its current status (emulator clock, ms). */
  since: number;
  /** Set once concluded (emulator clock, ms). */
  concludedAt?: number;
}

export const STATUS_MESSAGES: Record<BuildStatus, string> = {
  PENDING: 'Build submitted',
  QUEUED: 'Build queued',
  UNSCHEDULABLE: 'Waiting for build capacity',
  IN_PROGRESS: 'Build in progress',
  STARTING: 'Starting build',
  CLONING: 'Cloning repository',
  BUILDING: 'Building image',
  UPLOADING: 'Uploading image',
  SUCCESS: 'Image successfully built',
  FAILURE: 'Build failed: a Dockerfile step exited with code 1',
  ABORTED: 'Build aborted',
  SUBMISSION_FAILURE: 'The build could not be submitted',
  CRASHED: 'The builder crashed',
};

/** The running phases of a build started at `createdAt`; a failing build stops after BUILDING. */
export function phasesOf(createdAt: number, pace: BuildPace, fails: boolean): Phase[] {
  const durations: [RunningStatus, number][] = [
    ['QUEUED', pace.queuedMs],
    ['STARTING', pace.startingMs],
    ['CLONING', pace.cloningMs],
    ['BUILDING', pace.buildingMs],
    ['UPLOADING', pace.uploadingMs],
  ];
  const phases: Phase[] = [];
  let at = createdAt;
  for (const [status, ms] of fails ? durations.slice(0, 4) : durations) {
    phases.push({ status, startsAt: at, endsAt: at + ms });
    at += ms;
  }
  return phases;
}

export function progressAt(now: number, createdAt: number, pace: BuildPace, fails: boolean, abortedAt?: number): BuildProgress {
  const phases = phasesOf(createdAt, pace, fails);
  const naturalEnd = phases[phases.length - 1].endsAt;
  if (abortedAt !== undefined && abortedAt < naturalEnd && now >= abortedAt) {
    return { status: 'ABORTED', concluded: true, since: abortedAt, concludedAt: abortedAt };
  }
  if (now >= naturalEnd) {
    return { status: fails ? 'FAILURE' : 'SUCCESS', concluded: true, since: naturalEnd, concludedAt: naturalEnd };
  }
  const current = phases.find((phase) => now < phase.endsAt) ?? phases[0];
  return { status: current.status, concluded: false, since: Math.max(current.startsAt, createdAt) };
}
