import { NorthflankClient } from '../../src/northflank/client';
import { openBuildLogTail } from '../../src/northflank/logTail';
import type { Build, BuildableRef, StartBuildBody } from '../../src/northflank/types';
import type { PollerTiming } from '../../src/watch/newBuildPoller';
import { type Emulator, MONOREPO, type RecordedRequest, startEmulator, TOKENS } from '../emulator';
import { RecordedLinkedBuilds } from './recordedLinkedBuilds';
import { nextTurns, SimulatedClock } from './simulatedClock';
import { FIVE_MINUTE_PACE } from './watch';

export const MINUTE = 60_000;

const project = MONOREPO.projectId;
export const API: BuildableRef = { projectId: project, serviceId: MONOREPO.apiServiceId };
const WEB: BuildableRef = { projectId: project, serviceId: MONOREPO.webServiceId };
const WEB_PREVIEWS: BuildableRef = { projectId: project, serviceId: MONOREPO.webPreviewsServiceId };
const DOCS: BuildableRef = { projectId: project, serviceId: MONOREPO.docsServiceId };
const MIGRATE: BuildableRef = { projectId: project, jobId: MONOREPO.migrateJobId };
/** Every service and job of the shop repository: what Link Services ticks for it. */
export const SHOP_LINKS: BuildableRef[] = [API, WEB, WEB_PREVIEWS, DOCS, MIGRATE];
const NAMES = new Map<BuildableRef, string>([
  [API, 'api'],
  [WEB, 'web'],
  [WEB_PREVIEWS, 'web-previews'],
  [DOCS, 'docs'],
  [MIGRATE, 'migrate (job)'],
]);
/** A build service builds a branch; the others build their own. */
const BODIES = new Map<BuildableRef, StartBuildBody>([[WEB_PREVIEWS, { branch: 'main' }]]);

/** Another client, as CI or a teammate: its requests are not the extension's. */
const CI_AGENT = 'ci-elsewhere';
/** The store's list loads go through its own client; a distinct agent tells them from the poller's. */
const VIEW_AGENT = 'northflank-build-vscode (view)';

export type RequestKind = 'services lists' | 'builds lists (poller)' | 'build polls (watcher)' | 'tails opened' | "view's first load" | 'other';

export function linkName(ref: BuildableRef): string {
  return NAMES.get(ref) ?? '?';
}

/**
 * The emulator's shop project on a simulated clock, 5-minute builds, the five links in the extension's LinkedBuilds,
 * and a second client playing CI. Minutes count from the rig's start.
 */
export class ShopRig {
  private constructor(
    readonly clock: SimulatedClock,
    readonly emulator: Emulator,
    readonly store: RecordedLinkedBuilds,
    private readonly ci: NorthflankClient,
    readonly start: number,
  ) {}

  static async start(pollerTiming?: Partial<PollerTiming>): Promise<ShopRig> {
    const clock = new SimulatedClock();
    const emulator = await startEmulator({ clock, pace: FIVE_MINUTE_PACE });
    const connection = { baseUrl: emulator.url, token: TOKENS.full };
    const lists = new NorthflankClient({ ...connection, userAgent: VIEW_AGENT });
    const polling = new NorthflankClient({ ...connection, retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 } });
    const store = new RecordedLinkedBuilds({
      links: SHOP_LINKS,
      lists: () => lists,
      polling: () => polling,
      openTail: (ref, buildId, handlers) => openBuildLogTail(connection, ref, { buildId }, handlers),
      clock,
      pollerTiming,
    });
    const ci = new NorthflankClient({ ...connection, userAgent: CI_AGENT });
    return new ShopRig(clock, emulator, store, ci, clock.now());
  }

  async advanceTo(minute: number): Promise<void> {
    const settle = async () => {
      await nextTurns();
      await this.store.settled();
      await nextTurns();
    };
    await this.clock.advanceTo(this.start + minute * MINUTE, { settle });
  }

  get minute(): number {
    return (this.clock.now() - this.start) / MINUTE;
  }

  /** CI starts a build of `ref` now, through the API. */
  async startElsewhere(ref: BuildableRef): Promise<{ id: string; ref: BuildableRef; at: number }> {
    const build: Build = await this.ci.startBuild(ref, BODIES.get(ref) ?? {});
    return { id: build.id, ref, at: this.clock.now() };
  }

  /** When the build first reached the store (the poller handed it over). */
  noticedAt(buildId: string): number | undefined {
    return this.store.firstSeen.get(buildId);
  }

  /** The extension's requests so far, from index `from` of the emulator's record. */
  requests(from = 0): RecordedRequest[] {
    return this.emulator.requests.slice(from).filter((request) => request.headers['user-agent'] !== CI_AGENT);
  }

  /** Minutes:seconds since the rig started. */
  time(at: number): string {
    return clockTime(at - this.start);
  }

  /** The extension's requests, CI's builds and the conclusions, in time order. */
  log(): string[] {
    return [
      ...this.requests().map((request) => ({ at: request.at, line: `${request.method} ${request.path} [${requestKind(request)}]` })),
      ...this.emulator.requests
        .filter((request) => request.headers['user-agent'] === CI_AGENT)
        .map((request) => ({ at: request.at, line: `CI: ${request.method} ${request.path}` })),
      ...this.store.concluded.map((conclusion) => ({ at: conclusion.at, line: `concluded ${conclusion.build.id}` })),
    ]
      .sort((a, b) => a.at - b.at)
      .map(({ at, line }) => `${this.time(at)} ${line}`);
  }

  async stop(): Promise<void> {
    this.store.dispose();
    await this.emulator.stop();
  }
}

export function requestKind(request: RecordedRequest): RequestKind {
  if (request.path.endsWith('/build-logs')) return 'tails opened';
  if (request.path.endsWith('/services')) return 'services lists';
  if (/\/(services|jobs)\/[^/]+\/build$/.test(request.path) && request.method === 'GET') {
    return request.headers['user-agent'] === VIEW_AGENT ? "view's first load" : 'builds lists (poller)';
  }
  if (/\/build\/[^/]+$/.test(request.path)) return 'build polls (watcher)';
  return 'other';
}

export function countByKind(requests: RecordedRequest[]): Partial<Record<RequestKind, number>> {
  const counts: Partial<Record<RequestKind, number>> = {};
  for (const request of requests) counts[requestKind(request)] = (counts[requestKind(request)] ?? 0) + 1;
  return counts;
}

export function clockTime(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
