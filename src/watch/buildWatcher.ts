import { isConcluded } from '../northflank/buildStatus';
import { NorthflankError } from '../northflank/errors';
import type { LogTail, LogTailHandlers } from '../northflank/logTail';
import type { Build, BuildableRef, LogLine, RateLimitSnapshot, RequestOptions } from '../northflank/types';
import { Disposable, Listeners } from './listeners';
import { RateLimitPacer } from './rateLimitPacer';
import { realClock, WatchClock } from './watchClock';
import { hasChanged, keyOf, newWatchedBuild, WatchedBuild } from './watchedBuild';
import { DEFAULT_WATCH_TIMING, grow, WatchTiming, whileHidden } from './watchTiming';

/** What the watcher needs of the API client. */
export interface WatcherClient {
  getBuild(ref: BuildableRef, buildId: string, options?: RequestOptions): Promise<Build>;
  readonly rateLimit: RateLimitSnapshot | undefined;
}

/** Opens a live log tail for a build, e.g. `openBuildLogTail` bound to the API URL and token. */
export type LogTailOpener = (ref: BuildableRef, buildId: string, handlers: LogTailHandlers) => LogTail;

export interface BuildWatcherOptions {
  client: WatcherClient;
  openTail?: LogTailOpener;
  clock?: WatchClock;
  timing?: Partial<WatchTiming>;
}

export interface Visibility {
  focused: boolean;
  viewVisible: boolean;
}

/** Errors after which asking again cannot help until something outside changes. */
const FATAL = new Set(['unauthorized', 'forbidden', 'notFound', 'insecureUrl']);

/**
 * The one place that polls builds. Asks only about builds that have not concluded, backs off while
 * nothing changes, keeps one request per build in flight, follows a live log tail when it can (each
 * batch of lines hints that the status may have moved, and is handed on to whoever shows the log),
 * and stays inside the token's rate limit.
 * With nothing to watch it holds no timers and sends nothing.
 */
export class BuildWatcher {
  private readonly client: WatcherClient;
  private readonly openTail?: LogTailOpener;
  private readonly clock: WatchClock;
  private readonly timing: WatchTiming;
  private readonly pacer: RateLimitPacer;
  private readonly watched = new Map<string, WatchedBuild>();
  private readonly pending = new Set<Promise<unknown>>();
  private hidden = false;
  private readonly changes = new Listeners<[Build, BuildableRef]>();
  private readonly conclusions = new Listeners<[Build, BuildableRef]>();
  private readonly errors = new Listeners<[BuildableRef, string, NorthflankError]>();
  private readonly lines = new Listeners<[BuildableRef, string, LogLine[]]>();

  constructor(options: BuildWatcherOptions) {
    this.client = options.client;
    this.openTail = options.openTail;
    this.clock = options.clock ?? realClock;
    this.timing = { ...DEFAULT_WATCH_TIMING, ...options.timing };
    this.pacer = new RateLimitPacer(this.clock);
  }

  onDidChange(listener: (build: Build, ref: BuildableRef) => void): Disposable {
    return this.changes.add(listener);
  }

  onDidConclude(listener: (build: Build, ref: BuildableRef) => void): Disposable {
    return this.conclusions.add(listener);
  }

  onError(listener: (ref: BuildableRef, buildId: string, error: NorthflankError) => void): Disposable {
    return this.errors.add(listener);
  }

  /** Each batch of lines a build's live tail brings, so an open log can show them without a tail of its own. */
  onLines(listener: (ref: BuildableRef, buildId: string, lines: LogLine[]) => void): Disposable {
    return this.lines.add(listener);
  }

  /**
   * Follows a build until it concludes. `known` is what the caller already has (the start-build
   * answer), which saves the first request; a build known to be concluded is not watched.
   */
  watch(ref: BuildableRef, buildId: string, known?: Build): void {
    const key = keyOf(ref, buildId);
    if (this.watched.has(key) || (known !== undefined && isConcluded(known))) return;
    const watched = newWatchedBuild(ref, buildId, known, this.timing);
    // The caller's answer is as good as a request just made.
    if (known) watched.lastRequestAt = this.clock.now();
    this.watched.set(key, watched);
    this.startTail(watched);
    this.schedule(watched);
  }

  isWatching(ref: BuildableRef, buildId: string): boolean {
    return this.watched.has(keyOf(ref, buildId));
  }

  /** Asks about a watched build soon (a person pressed refresh), within the rate limit. */
  refresh(ref: BuildableRef, buildId: string): void {
    const watched = this.watched.get(keyOf(ref, buildId));
    if (!watched) return;
    watched.pollMs = this.timing.fastPollMs;
    watched.lastRequestAt = undefined;
    if (!watched.request) this.schedule(watched);
  }

  /** Polls slower while the person can see neither the window nor the builds view. */
  setVisibility(visibility: Visibility): void {
    const hidden = !visibility.focused && !visibility.viewVisible;
    if (hidden === this.hidden) return;
    this.hidden = hidden;
    for (const watched of this.watched.values()) if (!watched.request) this.schedule(watched);
  }

  /** Resolves once no request or tail handshake is in flight; lets tests step a simulated clock. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  dispose(): void {
    for (const watched of [...this.watched.values()]) this.forget(watched);
    this.changes.clear();
    this.conclusions.clear();
    this.errors.clear();
    this.lines.clear();
  }

  private schedule(watched: WatchedBuild): void {
    this.clearTimer(watched);
    if (watched.request || this.watched.get(watched.key) !== watched) return;
    const now = this.clock.now();
    const last = watched.lastRequestAt ?? -Infinity;
    let due = last + this.visible(watched.tailLive ? this.timing.tailSafetyPollMs : watched.pollMs);
    if (watched.hintAt !== undefined) {
      const hinted = Math.max(watched.hintAt + this.timing.hintDelayMs, last + this.visible(watched.hintIntervalMs));
      due = Math.min(due, hinted);
    }
    due = Math.max(due, this.pacer.earliest(), now);
    watched.timer = this.clock.setTimeout(() => this.due(watched), due - now);
  }

  private visible(intervalMs: number): number {
    return this.hidden ? whileHidden(intervalMs, this.timing) : intervalMs;
  }

  private due(watched: WatchedBuild): void {
    watched.timer = undefined;
    // Another build may have taken the slot the rate limit allowed.
    if (this.pacer.earliest() > this.clock.now()) return this.schedule(watched);
    this.poll(watched);
  }

  private poll(watched: WatchedBuild): void {
    const request = new AbortController();
    // Lines that come faster than the hint interval are ordinary build output: ask less often for them.
    const crowded =
      watched.hintAt !== undefined && watched.hintAt - (watched.lastRequestAt ?? -Infinity) < watched.hintIntervalMs;
    const hinted = watched.hintAt !== undefined;
    watched.request = request;
    watched.hintAt = undefined;
    watched.lastRequestAt = this.clock.now();
    this.pacer.sent();
    const done = this.client
      .getBuild(watched.ref, watched.buildId, { signal: request.signal })
      .then(
        (build) => this.answered(watched, build, hinted && { crowded }),
        (error: unknown) => this.failed(watched, error),
      )
      .finally(() => this.pending.delete(done));
    this.pending.add(done);
  }

  private answered(watched: WatchedBuild, build: Build, hint: false | { crowded: boolean }): void {
    watched.request = undefined;
    this.pacer.observe(this.client.rateLimit);
    if (this.watched.get(watched.key) !== watched) return;
    const changed = !watched.build || hasChanged(watched.build, build);
    watched.build = build;
    if (changed) {
      watched.pollMs = this.timing.fastPollMs;
      watched.hintIntervalMs = this.timing.hintMinIntervalMs;
    } else {
      watched.pollMs = grow(watched.pollMs, this.timing.backoffFactor, this.timing.slowPollMs);
      if (hint && hint.crowded) watched.hintIntervalMs = grow(watched.hintIntervalMs, 2, this.timing.hintMaxIntervalMs);
      else if (hint) watched.hintIntervalMs = Math.max(this.timing.hintMinIntervalMs, watched.hintIntervalMs / 2);
    }
    if (isConcluded(build)) this.forget(watched);
    if (changed) this.changes.fire(build, watched.ref);
    if (isConcluded(build)) return this.conclusions.fire(build, watched.ref);
    this.startTail(watched);
    this.schedule(watched);
  }

  private failed(watched: WatchedBuild, thrown: unknown): void {
    watched.request = undefined;
    this.pacer.observe(this.client.rateLimit);
    if (this.watched.get(watched.key) !== watched) return;
    const error = thrown instanceof NorthflankError ? thrown : unexpected(thrown);
    // A 429 that says "now" (reset 0, Retry-After 1) is no reason to keep the pace: back off as after any failure.
    if (error.kind === 'rateLimited') this.pacer.pauseFor(error.retryAfterSeconds ?? this.timing.slowPollMs / 1000);
    watched.pollMs = grow(watched.pollMs, this.timing.backoffFactor, this.timing.slowPollMs);
    watched.hintIntervalMs = grow(watched.hintIntervalMs, 2, this.timing.hintMaxIntervalMs);
    if (FATAL.has(error.kind)) this.forget(watched);
    this.errors.fire(watched.ref, watched.buildId, error);
    this.schedule(watched);
  }

  private startTail(watched: WatchedBuild): void {
    if (!this.openTail || watched.tail || watched.tailRetired) return;
    if (this.pacer.earliest() > this.clock.now()) return;
    watched.tailOpens++;
    watched.tailOpenedAt = this.clock.now();
    let handshake: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (handshake = resolve)).finally(() => this.pending.delete(done));
    this.pending.add(done);
    let tail: LogTail;
    const handlers: LogTailHandlers = {
      onReady: () => {
        handshake();
        if (watched.tail !== tail) return;
        watched.tailLive = true;
        if (!watched.request) this.schedule(watched);
      },
      onLines: (lines) => {
        if (watched.tail !== tail) return;
        this.lines.fire(watched.ref, watched.buildId, lines);
        this.hint(watched);
      },
      onClose: (error) => {
        handshake();
        this.tailClosed(watched, tail, error);
      },
    };
    try {
      tail = this.openTail(watched.ref, watched.buildId, handlers);
    } catch {
      // Polling works without a tail; a tail that cannot even be opened is not tried again.
      handshake();
      watched.tailRetired = true;
      return;
    }
    watched.tail = tail;
  }

  private tailClosed(watched: WatchedBuild, tail: LogTail, error: NorthflankError | undefined): void {
    if (watched.tail !== tail) return;
    watched.tail = undefined;
    watched.tailLive = false;
    const healthy = !error && this.clock.now() - watched.tailOpenedAt >= this.timing.tailHealthyMs;
    if (!healthy || watched.tailOpens >= this.timing.maxTailOpens) watched.tailRetired = true;
    watched.pollMs = this.timing.fastPollMs;
    // A tail usually ends because the build did: check now rather than at the next poll.
    this.hint(watched);
  }

  private hint(watched: WatchedBuild): void {
    watched.hintAt ??= this.clock.now();
    if (!watched.request) this.schedule(watched);
  }

  private forget(watched: WatchedBuild): void {
    if (this.watched.get(watched.key) === watched) this.watched.delete(watched.key);
    this.clearTimer(watched);
    watched.request?.abort();
    const tail = watched.tail;
    watched.tail = undefined;
    tail?.close();
  }

  private clearTimer(watched: WatchedBuild): void {
    if (watched.timer === undefined) return;
    this.clock.clearTimeout(watched.timer);
    watched.timer = undefined;
  }
}

function unexpected(thrown: unknown): NorthflankError {
  const detail = thrown instanceof Error ? thrown.message : String(thrown);
  return new NorthflankError({ kind: 'unexpected', message: `Checking the build failed unexpectedly: ${detail}`, cause: thrown });
}
