import { buildableKey, isJob } from '../northflank/buildableRef';
import { NorthflankError } from '../northflank/errors';
import type { Build, BuildableRef, Page, PageOptions, RateLimitSnapshot, RequestOptions, ServiceSummary } from '../northflank/types';
import { Disposable, Listeners } from './listeners';
import { type PushedCommit, PushSearch, type PushSearchTiming } from './pushSearch';
import { RateLimitPacer } from './rateLimitPacer';
import { realClock, WatchClock } from './watchClock';

/** What the poller asks of the API client. */
export interface ActivitySource {
  listServices(projectId: string, page?: PageOptions, options?: RequestOptions): Promise<Page<ServiceSummary>>;
  listBuilds(ref: BuildableRef, page?: PageOptions, options?: RequestOptions): Promise<Page<Build>>;
  readonly rateLimit: RateLimitSnapshot | undefined;
}

export interface PollerTiming {
  /** First interval while someone looks at the builds, and the one used again after anything changes. */
  attentiveMs: number;
  /** Where the interval stops growing while nothing changes. */
  attentiveMaxMs: number;
  growth: number;
  /** While nobody looks but a linked build runs: only new builds elsewhere are looked for, slowly. */
  busyMs: number;
  /** Jobs have no build status in their list, so each costs a request: they are asked every Nth round. */
  jobEvery: number;
  /** How many builds to read for a service or job that changed. */
  pageSize: number;
}

export const DEFAULT_POLLER_TIMING: PollerTiming = {
  attentiveMs: 10_000,
  attentiveMaxMs: 40_000,
  growth: 1.25,
  busyMs: 60_000,
  jobEvery: 2,
  pageSize: 5,
};

export interface NewBuildPollerOptions {
  source: ActivitySource;
  clock?: WatchClock;
  timing?: Partial<PollerTiming>;
  searchTiming?: PushSearchTiming;
}

interface Seen {
  /** `status.build` as last listed, or the newest build's id and status for a job. */
  marker?: string;
}

/**
 * Notices builds that were not started here (CI, teammates). One `GET …/services` per project stands in
 * for a poll per service, because each item carries `status.build`; a service's builds are read only when
 * that changes. It polls only while someone looks at the builds (view visible, window focused) or a linked
 * build runs, and sends nothing otherwise.
 */
export class NewBuildPoller {
  private readonly source: ActivitySource;
  private readonly clock: WatchClock;
  private readonly timing: PollerTiming;
  private readonly pacer: RateLimitPacer;
  private links: BuildableRef[] = [];
  private readonly seen = new Map<string, Seen>();
  private busy = new Set<string>();
  private attentive = false;
  private intervalMs: number;
  private round = 0;
  private timer: unknown;
  /** When the pending round is due, so that an event never puts off a round that was due sooner. */
  private dueAt: number | undefined;
  private running: Promise<void> | undefined;
  private disposed = false;
  private readonly services = new Listeners<[string, ServiceSummary[]]>();
  private readonly builds = new Listeners<[BuildableRef, Build[]]>();
  private readonly errors = new Listeners<[NorthflankError]>();
  private readonly successes = new Listeners<[]>();
  private readonly searchEnds = new Listeners<[PushSearch]>();
  private readonly founds = new Listeners<[BuildableRef, Build]>();
  /** Searches under way, with the timer of their next round. */
  private readonly searches = new Map<PushSearch, unknown>();
  private readonly searchRounds = new Set<Promise<void>>();
  private readonly searchTiming: PushSearchTiming | undefined;

  constructor(options: NewBuildPollerOptions) {
    this.source = options.source;
    this.clock = options.clock ?? realClock;
    this.timing = { ...DEFAULT_POLLER_TIMING, ...options.timing };
    this.pacer = new RateLimitPacer(this.clock);
    this.intervalMs = this.timing.attentiveMs;
    this.searchTiming = options.searchTiming;
  }

  /** Each project's service list, as polled: names, types, CI and `status.build` for the view. */
  onServices(listener: (projectId: string, services: ServiceSummary[]) => void): Disposable {
    return this.services.add(listener);
  }

  /** The newest builds of a service or job whose builds changed. */
  onBuilds(listener: (ref: BuildableRef, builds: Build[]) => void): Disposable {
    return this.builds.add(listener);
  }

  onError(listener: (error: NorthflankError) => void): Disposable {
    return this.errors.add(listener);
  }

  /** A round got through: the API is reachable again. */
  onSuccess(listener: () => void): Disposable {
    return this.successes.add(listener);
  }

  /** A search ended, found or not: `search.missing` are the links whose build never appeared. */
  onSearchEnded(listener: (search: PushSearch) => void): Disposable {
    return this.searchEnds.add(listener);
  }

  /**
   * A burst that looks for the builds CI starts for a pushed commit on these links, whether or not anyone
   * looks: its found builds come through onBuilds like any new build, so they are shown and followed.
   * Bounded in rounds and requests (see PushSearch); nothing is sent when `refs` is empty.
   */
  search(push: PushedCommit, refs: BuildableRef[], timing?: PushSearchTiming): PushSearch | undefined {
    if (this.disposed || refs.length === 0) return undefined;
    const search = new PushSearch(push, refs, this.clock.now(), timing ?? this.searchTiming);
    this.scheduleSearch(search);
    return search;
  }

  /** A search found the build of its pushed commit on a link (after onBuilds handed over the link's builds). */
  onFound(listener: (ref: BuildableRef, build: Build) => void): Disposable {
    return this.founds.add(listener);
  }

  setLinks(links: BuildableRef[]): void {
    this.links = links;
    this.reschedule();
  }

  /** Someone looks at the builds: the view is visible in a focused window. */
  setAttention(attentive: boolean): void {
    if (attentive === this.attentive) return;
    this.attentive = attentive;
    if (attentive) this.intervalMs = this.timing.attentiveMs;
    this.reschedule(attentive ? 0 : undefined);
  }

  /**
   * The linked services and jobs with a build being watched: while there are any, rounds go on even
   * when nobody looks. Their lists are still read when they change, since the change may be another
   * build (CI started a second one), which the watcher does not follow.
   */
  setBusy(refs: BuildableRef[]): void {
    this.busy = new Set(refs.map(buildableKey));
    this.reschedule();
  }

  /** Something happened here (a build started, one concluded): look again soon. */
  wake(): void {
    this.intervalMs = this.timing.attentiveMs;
    this.reschedule();
  }

  /** Resolves when no round is under way; lets tests step a simulated clock. */
  async settled(): Promise<void> {
    while (this.running || this.searchRounds.size > 0) await Promise.allSettled([this.running, ...this.searchRounds]);
  }

  get active(): boolean {
    return !this.disposed && this.links.length > 0 && (this.attentive || this.busy.size > 0);
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimer();
    for (const timer of this.searches.values()) if (timer !== undefined) this.clock.clearTimeout(timer);
    this.searches.clear();
    this.searchEnds.clear();
    this.founds.clear();
    this.services.clear();
    this.builds.clear();
    this.errors.clear();
    this.successes.clear();
  }

  private reschedule(delayMs?: number): void {
    const pendingDue = this.timer === undefined ? undefined : this.dueAt;
    this.clearTimer();
    if (!this.active || this.running) return;
    const interval = this.attentive ? this.intervalMs : this.timing.busyMs;
    const now = this.clock.now();
    const wanted = now + (delayMs ?? interval);
    const due = Math.max(pendingDue === undefined ? wanted : Math.min(pendingDue, wanted), this.pacer.earliest());
    this.dueAt = due;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.running = this.poll().finally(() => {
        this.running = undefined;
        this.reschedule();
      });
    }, due - now);
  }

  private async poll(): Promise<void> {
    const round = this.round++;
    let changed = false;
    try {
      const projects = [...new Set(this.links.filter((ref) => !isJob(ref)).map((ref) => ref.projectId))];
      const jobs = round % this.timing.jobEvery === 0 ? this.links.filter(isJob) : [];
      const lists = await Promise.all(projects.map((projectId) => this.send(() => this.source.listServices(projectId, { perPage: 100 }))));
      const changedRefs: BuildableRef[] = [];
      projects.forEach((projectId, index) => {
        const services = lists[index].items;
        this.services.fire(projectId, services);
        for (const ref of this.links) {
          if (isJob(ref) || ref.projectId !== projectId) continue;
          const build = services.find((service) => service.id === ref.serviceId)?.status?.build;
          if (this.mark(ref, build ? `${build.status}@${build.lastTransitionTime ?? ''}` : '')) changedRefs.push(ref);
        }
      });
      const reads = [...changedRefs, ...jobs].map(async (ref) => {
        const page = await this.send(() => this.source.listBuilds(ref, { perPage: this.timing.pageSize }));
        const newest = page.items[0];
        const jobChanged = isJob(ref) && this.mark(ref, newest ? `${newest.id}:${newest.status ?? ''}` : '');
        if (!isJob(ref) || jobChanged) {
          changed = true;
          this.builds.fire(ref, page.items);
        }
      });
      await Promise.all(reads);
      this.successes.fire();
    } catch (thrown) {
      const error = thrown instanceof NorthflankError ? thrown : new NorthflankError({ kind: 'unexpected', message: String(thrown), cause: thrown });
      if (error.kind === 'rateLimited') this.pacer.pauseFor(error.retryAfterSeconds ?? this.timing.busyMs / 1000);
      this.errors.fire(error);
    }
    this.intervalMs = changed ? this.timing.attentiveMs : Math.min(this.timing.attentiveMaxMs, Math.round(this.intervalMs * this.timing.growth));
  }

  private scheduleSearch(search: PushSearch): void {
    const delay = search.nextDelayMs();
    if (delay === undefined || this.disposed) {
      this.searches.delete(search);
      if (!this.disposed) this.searchEnds.fire(search);
      return;
    }
    const now = this.clock.now();
    const timer = this.clock.setTimeout(() => {
      this.searches.set(search, undefined);
      const round = this.searchRound(search).finally(() => {
        this.searchRounds.delete(round);
        this.scheduleSearch(search);
      });
      this.searchRounds.add(round);
    }, Math.max(now + delay, this.pacer.earliest()) - now);
    this.searches.set(search, timer);
  }

  /** One project list stands for its services, as in a usual round; only services that moved since the push, and jobs, have their builds read. */
  private async searchRound(search: PushSearch): Promise<void> {
    const round = search.beginRound();
    const read = async (ref: BuildableRef) => {
      if (!search.spend()) return;
      const page = await this.send(() => this.source.listBuilds(ref, { perPage: this.timing.pageSize }));
      if (!search.observe(ref, page.items)) return;
      this.builds.fire(ref, page.items);
      const found = search.found.find((entry) => buildableKey(entry.ref) === buildableKey(ref));
      if (found) this.founds.fire(ref, found.build);
    };
    try {
      const projects = round.projects.filter(() => search.spend());
      const lists = await Promise.all(projects.map((projectId) => this.send(() => this.source.listServices(projectId, { perPage: 100 }))));
      const moved = projects.flatMap((projectId, index) => {
        this.services.fire(projectId, lists[index].items);
        return search.moved(projectId, lists[index].items);
      });
      await Promise.all([...moved, ...round.jobs].map(read));
    } catch (thrown) {
      const error = thrown instanceof NorthflankError ? thrown : new NorthflankError({ kind: 'unexpected', message: String(thrown), cause: thrown });
      if (error.kind === 'rateLimited') this.pacer.pauseFor(error.retryAfterSeconds ?? this.timing.busyMs / 1000);
      this.errors.fire(error);
    }
  }

  /** Records the new marker; true when it differs from a known earlier one. */
  private mark(ref: BuildableRef, marker: string): boolean {
    const key = buildableKey(ref);
    const seen = this.seen.get(key);
    this.seen.set(key, { marker });
    return seen !== undefined && seen.marker !== marker;
  }

  private async send<T>(request: () => Promise<T>): Promise<T> {
    this.pacer.sent();
    try {
      return await request();
    } finally {
      this.pacer.observe(this.source.rateLimit);
    }
  }

  private clearTimer(): void {
    if (this.timer === undefined) return;
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
