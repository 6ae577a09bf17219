import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { buildRoutes } from './buildRoutes';
import type { BuildWorld, Clock, SparseBuilds } from './builds';
import { catalogRoutes } from './catalogRoutes';
import { CI_PUSH_PATH, handleCiPush } from './ciPush';
import { type Fault, FaultPlan } from './faults';
import { sendJson } from './http';
import { planJobBuild } from './jobBuildPlan';
import { jobRoutes } from './jobRoutes';
import { logRoutes } from './logRoutes';
import { attachLogTail } from './logTail';
import { JOB_PARENT, SERVICE_PARENT } from './parents';
import { handleRequest, type Pipeline } from './pipeline';
import { DEFAULT_RATE_LIMIT, RateLimiter, type RateLimitOptions } from './rateLimit';
import type { RecordedAnswer, RecordedRequest } from './recording';
import { Router } from './router';
import { defaultSeed, type Seed } from './seed';
import { planServiceBuild } from './serviceBuildPlan';
import { createState, type EmulatorState } from './state';
import { type BuildPace, FAST_PACE } from './timeline';
import { tokenRoutes } from './tokenRoutes';

export { OPTIONAL_BUILD_FIELDS, type OptionalBuildField, type SparseBuilds } from './builds';
export type { Fault } from './faults';
export { type RecordedAnswer, type RecordedRequest, tokenFingerprint } from './recording';
export type { BuildParent, BuildRecord, EmulatorState } from './state';
export { defaultSeed, SEED, TOKENS, type Seed, type SeedJob, type SeedService } from './seed';
export { MONOREPO } from './monorepoSeed';
export { SECOND_TEAM } from './secondTeamSeed';
export { type BuildPace, DEMO_PACE, FAST_PACE } from './timeline';
export { PERMISSIONS } from './permissions';
export { SimulatedClock } from './simulatedClock';

export interface EmulatorOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  seed?: Seed;
  /** Build status is read off this clock, so a simulated clock drives builds without timers. Default: Date. */
  clock?: Clock;
  /** Default FAST_PACE. */
  pace?: BuildPace;
  /** Per token; the window starts with the token's first request. Default 1000 per 3600 s. */
  rateLimit?: RateLimitOptions;
  /**
   * Leave out of build answers (start, get, list) the fields js-client types as optional: `true` all
   * of them, `{ keep: [...] }` all but those. Real answers may lack any of them. Default false.
   */
  sparse?: SparseBuilds;
  /** Keep every JSON answer in `answers`, for tests that check their shapes. Default false: answers can be large. */
  recordAnswers?: boolean;
  /**
   * Test-only: answer `POST /__test/push {repositoryUrl, branch, sha}` (what a fixture's post-receive hook
   * sends) by starting the builds Northflank's CI would. Off by default: the route then answers 404.
   */
  ciPushHook?: boolean;
}

export interface Emulator {
  url: string;
  port: number;
  /** Every request received, in order, faulted ones included. */
  requests: RecordedRequest[];
  /** Every JSON answer sent, in order, when started with `recordAnswers`; otherwise empty. */
  answers: RecordedAnswer[];
  inject(fault: Fault): void;
  clearFaults(): void;
  /** Builds of this sha end in FAILURE. */
  failSha(sha: string): void;
  /** Changes the `sparse` option for the answers that follow. */
  setSparse(sparse: SparseBuilds): void;
  stop(): Promise<void>;
  readonly state: EmulatorState;
}

/*
 * Where Northflank's documentation is silent the emulator picks one answer and keeps to it:
 * - a token sees only its own team: another team's project is a 404 naming `projectId`, exactly as an
 *   unknown one, and another team in the `/v1/teams/{teamId}/…` form a 404 naming `teamId`;
 * - an unknown branch or pull request for a build service is a 400 naming `branch` or `pullRequestId`;
 * - aborting a build that has already concluded is a 409;
 * - the start-build answer says PENDING (the documented example), later reads walk QUEUED → … → SUCCESS;
 * - builds list in the order they were started, newest first; an unrecognised cursor is a 400;
 * - log range queries default to direction `forward` and a lineLimit of 1000;
 * - a sha must be 40 hexadecimal digits (the schema only says 40 characters);
 * - a job build body with `branch`, `pullRequestId` or `bundleUrl` is a 400 naming the field: the job
 *   body documents only `sha` and `overrides`, and a job builds its own branch from git;
 * - job build logs, range and tail, need 'Project > Jobs > Deployment > View Instance Logs', as service
 *   build logs need the Services one (js-client names only a generic logs permission for both);
 * - inferred from the override shape, whose docker fields name only Dockerfile settings: a start-build
 *   body with `overrides.docker` for a service or job that builds with buildpacks is a 400 naming
 *   `overrides.docker`; build arguments and the other overrides are accepted.
 */
const ROUTES = [
  ...tokenRoutes,
  ...catalogRoutes,
  ...jobRoutes,
  ...buildRoutes(SERVICE_PARENT, planServiceBuild),
  ...buildRoutes(JOB_PARENT, planJobBuild),
  ...logRoutes(SERVICE_PARENT),
  ...logRoutes(JOB_PARENT),
];

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const clock = options.clock ?? { now: () => Date.now() };
  const state = createState(options.seed ?? defaultSeed());
  const faults = new FaultPlan();
  const requests: RecordedRequest[] = [];
  const answers: RecordedAnswer[] = [];
  const sleeping = new Map<NodeJS.Timeout, () => void>();
  const world: BuildWorld = { state, clock, pace: options.pace ?? FAST_PACE, sparse: options.sparse ?? false };
  const pipeline: Pipeline = {
    world,
    router: new Router(ROUTES),
    faults,
    limiter: new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT, clock),
    requests,
    ...(options.recordAnswers ? { answers } : {}),
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          sleeping.delete(timer);
          resolve();
        }, ms);
        sleeping.set(timer, resolve);
      }),
  };
  const server = createServer((req, res) => {
    // The test control route is not an API request: it is neither recorded nor rate-limited, and needs no token.
    const handled = req.url?.split('?')[0] === CI_PUSH_PATH ? handleCiPush(world, options.ciPushHook === true, req, res) : handleRequest(pipeline, req, res);
    handled.catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, { error: { status: 500, message: `Emulator error: ${String(error)}` } });
    });
  });
  attachLogTail(server, pipeline);
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const port = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  const host = options.host ?? '127.0.0.1';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    requests,
    answers,
    state,
    inject: (fault) => faults.inject(fault),
    clearFaults: () => faults.clear(),
    failSha: (sha) => void state.failingShas.add(sha),
    setSparse: (sparse) => void (world.sparse = sparse),
    stop: async () => {
      for (const [timer, wake] of sleeping) {
        clearTimeout(timer);
        wake();
      }
      sleeping.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Upgraded (WebSocket) sockets are not HTTP connections any more, so closeAllConnections would miss them.
      sockets.forEach((socket) => socket.destroy());
      await closed;
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
