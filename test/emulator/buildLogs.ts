import { type BuildWorld, progressOf, registryUri } from './builds';
import { type BuildRecord, findParent } from './state';
import { type BuildStatus, type Phase, phasesOf, type RunningStatus } from './timeline';

export interface LogEntry {
  containerId: string;
  /** The docs show the container runtime's framing, `stdout F <text>`. */
  log: string;
  /** Emulator clock, ms. */
  at: number;
}

const FINAL_LINES: Partial<Record<BuildStatus, string>> = {
  SUCCESS: 'Image successfully built',
  FAILURE: 'ERROR: failed to solve: process "/bin/sh -c npm run build" did not complete successfully: exit code: 1',
  ABORTED: 'Build aborted',
  SUBMISSION_FAILURE: 'ERROR: the build could not be submitted to a builder',
  CRASHED: 'ERROR: the builder stopped unexpectedly',
};
/** The line of the Dockerfile a failed Dockerfile build's log names. */
export const FAILING_LINE = 7;
const BUILDPACK_FAILURE = 'ERROR: failed to build: exit status 1';
const FAILED: ReadonlySet<BuildStatus> = new Set(['FAILURE', 'SUBMISSION_FAILURE', 'CRASHED']);

// What BuildKit adds around its step headers, as a terminal would get it: each step's own output under
// its number, colours, and a warning that names the Dockerfile line (the log document folds, strips
// and links these).
// BuildKit names the Dockerfile by its file name alone.
const buildkitDetail = (dockerFilePath: string) => [
  '#1 transferring dockerfile: 312B done',
  '#1 DONE 0.0s',
  "\u001b[33mWARN\u001b[0m: UndefinedVar: Usage of undefined variable '$NODE_OPTIONS' (line 3)",
  `${dockerFilePath.slice(dockerFilePath.lastIndexOf('/') + 1)}:3`,
];
const NPM_CI_OUTPUT = ['#5 0.912 \u001b[32madded 212 packages\u001b[0m in 3s', '#5 \u001b[34mDONE 3.4s\u001b[0m'];

/** A phase's lines, spread over its time; a group is written at one moment, as a step and its output. */
type PhaseTexts = (string | string[])[];

function phaseLines(world: BuildWorld, build: BuildRecord): Record<RunningStatus, PhaseTexts> {
  const parent = findParent(world.state, build.projectId, build.parent);
  const short = build.sha.slice(0, 7);
  return {
    QUEUED: ['Build queued, waiting for a builder'],
    STARTING: ['Starting builder', `Building ${build.parent.id} at ${short}${build.branch ? ` (${build.branch})` : ''}`],
    CLONING: build.bundleUrl
      ? [`Downloading bundle ${build.bundleUrl}`, 'Bundle extracted']
      : [`Cloning ${parent?.repositoryUrl ?? 'repository'}`, `HEAD is now at ${short}`],
    ...engineLines(build, registryUri(world, build)),
  };
}

function engineLines(build: BuildRecord, uri: string): Pick<Record<RunningStatus, PhaseTexts>, 'BUILDING' | 'UPLOADING'> {
  if (build.buildpack) {
    const { builder, buildContext } = build.buildpack;
    return {
      BUILDING: [
        `Using buildpacks builder ${builder} with build context ${buildContext}`,
        '===> ANALYZING',
        '===> DETECTING',
        'heroku/nodejs 3.4.0',
        '===> RESTORING',
        '===> BUILDING',
        'Installing dependencies',
      ],
      UPLOADING: ['===> EXPORTING', `Saving ${uri}...`],
    };
  }
  const { dockerFilePath, dockerWorkDir, dockerfileTarget } = build.dockerfile ?? { dockerFilePath: '/Dockerfile', dockerWorkDir: '/' };
  return {
    BUILDING: [
      `Using Dockerfile ${dockerFilePath} with build context ${dockerWorkDir}${dockerfileTarget ? `, target stage ${dockerfileTarget}` : ''}`,
      ['#1 [internal] load build definition from Dockerfile', ...buildkitDetail(dockerFilePath)],
      '#2 [internal] load metadata for docker.io/library/node:20-alpine',
      '#3 [base 1/4] FROM docker.io/library/node:20-alpine',
      '#4 [build 2/4] COPY package*.json ./',
      ['#5 [build 3/4] RUN npm ci', ...NPM_CI_OUTPUT],
      '#6 [build 4/4] RUN npm run build',
    ],
    UPLOADING: ['#7 exporting to image', `#7 pushing ${uri}`],
  };
}

/** The lines a build has written so far: they appear over time, as its phases pass on the clock. */
export function buildLogLines(world: BuildWorld, build: BuildRecord): LogEntry[] {
  const progress = progressOf(world, build);
  const fails = progress.concluded ? FAILED.has(progress.status) : world.state.failingShas.has(build.sha);
  const phases = phasesOf(build.createdAt, world.pace, fails);
  const texts = phaseLines(world, build);
  const lines: { at: number; text: string }[] = [];
  const cutoff = progress.concludedAt ?? (build.fixed ? heldUntil(phases, progress.status) : world.clock.now());
  for (const phase of phases) {
    const phaseTexts = texts[phase.status];
    phaseTexts.forEach((group, index) => {
      const at = phase.startsAt + Math.floor((index * (phase.endsAt - phase.startsAt)) / phaseTexts.length);
      if (at <= cutoff) for (const text of [group].flat()) lines.push({ at, text });
    });
  }
  const last = build.buildpack && progress.status === 'FAILURE' ? [BUILDPACK_FAILURE] : finalLines(build, progress.status);
  // A millisecond apart, ending at the conclusion: read newest first, they still come back in one order.
  const concludedAt = progress.concludedAt;
  if (concludedAt !== undefined) last.forEach((text, index) => lines.push({ at: concludedAt - (last.length - 1 - index), text }));
  const containerId = `${build.id}-builder`;
  return lines.map(({ at, text }) => ({ containerId, log: `stdout F ${text}`, at }));
}

/**
 * How BuildKit ends a failed Dockerfile build: the step's error, the Dockerfile excerpt with `>>>` on the
 * failing line, then "failed to solve". The line is the `RUN npm run build` of the fixtures'
 * services/api/Dockerfile (line 7), the step the BUILDING lines above end on.
 */
function finalLines(build: BuildRecord, status: BuildStatus): string[] {
  if (status !== 'FAILURE' || !build.dockerfile) return FINAL_LINES[status] === undefined ? [] : [FINAL_LINES[status]];
  const name = build.dockerfile.dockerFilePath.split('/').pop();
  return [
    '#6 ERROR: process "/bin/sh -c npm run build" did not complete successfully: exit code: 1',
    `${name}:${FAILING_LINE}`,
    '--------------------',
    `   ${FAILING_LINE - 1} |     COPY . .`,
    `   ${FAILING_LINE} | >>> RUN npm run build`,
    `   ${FAILING_LINE + 1} |`,
    '--------------------',
    FINAL_LINES.FAILURE!,
  ];
}

/** A seeded build held in a running status has written the lines up to the end of that phase. */
function heldUntil(phases: Phase[], status: BuildStatus): number {
  const held = phases.find((phase) => phase.status === status);
  return held ? held.endsAt - 1 : phases[0].startsAt;
}
