import { buildableKey } from '../northflank/buildableRef';
import { isConcluded } from '../northflank/buildStatus';
import { NorthflankError } from '../northflank/errors';
import type { Build, BuildableRef, BuildStatus, LogLine, Page, PageOptions, ServiceSummary } from '../northflank/types';
import { BuildWatcher, type WatcherClient, type LogTailOpener, type Visibility } from './buildWatcher';
import { Disposable, Listeners } from './listeners';
import { type ActivitySource, NewBuildPoller, type PollerTiming } from './newBuildPoller';
import type { PushedCommit, PushSearch, PushSearchTiming } from './pushSearch';
import type { WatchClock } from './watchClock';

const PAGE_SIZE = 20;
/** Failures that mean the API could not be used, as opposed to an answer refusing something. */
const UNREACHABLE = new Set(['network', 'timeout', 'server']);

/** One linked service or job and what is known of its builds. */
export interface LinkGroup<L extends BuildableRef> {
  link: L;
  builds: Build[];
  cursor?: string;
  hasMore: boolean;
  loaded: boolean;
  error?: NorthflankError;
  /** `status.build` from the project's service list, for a service whose builds are not loaded yet. */
  listedStatus?: BuildStatus;
  /** Said quietly under the link when a push from here was expected to start a build on it and none appeared. */
  pushNote?: string;
}

export interface Conclusion {
  ref: BuildableRef;
  build: Build;
  /** This person aborted it here: no news to them. */
  abortedHere: boolean;
}

/** A batch of lines from the live tail the watcher keeps on a running build. */
export interface BuildLines {
  ref: BuildableRef;
  buildId: string;
  lines: LogLine[];
}

export interface LinkedBuildsOptions {
  /** For the lists a person asks for (the view opening, Refresh, Load more). Read each time: the client changes with the URL setting. */
  lists: () => { listBuilds(ref: BuildableRef, page?: PageOptions): Promise<Page<Build>> };
  /** For the watcher and the poller, which pace themselves: one attempt per request. */
  polling: () => WatcherClient & ActivitySource;
  openTail?: LogTailOpener;
  clock?: WatchClock;
  pollerTiming?: Partial<PollerTiming>;
  searchTiming?: PushSearchTiming;
}

/**
 * The builds of the linked services and jobs, kept live: lists load when asked; the BuildWatcher follows
 * unconcluded builds; the NewBuildPoller notices builds started elsewhere while someone looks or a build
 * runs, and is told which links have a watched build. Neither starts before the first list load or the
 * first look, so creating this sends nothing. The VS Code layer only forwards events and draws.
 */
export class LinkedBuilds<L extends BuildableRef> {
  private links: L[] = [];
  private readonly byLink = new Map<string, LinkGroup<L>>();
  private watcherInstance: BuildWatcher | undefined;
  private pollerInstance: NewBuildPoller | undefined;
  private readonly loading = new Map<string, Promise<void>>();
  private readonly watched = new Map<string, BuildableRef>();
  private readonly abortedHere = new Set<string>();
  private readonly lastWarning = new Map<string, string>();
  private unreachableError: NorthflankError | undefined;
  private attentive = false;
  /** Remembered for a watcher made later: it must start knowing whether anyone looks. */
  private visibility: Visibility | undefined;
  private readonly changes = new Listeners<[BuildableRef | undefined]>();
  private readonly conclusions = new Listeners<[Conclusion]>();
  private readonly reachability = new Listeners<[NorthflankError | undefined]>();
  private readonly lineBatches = new Listeners<[BuildLines]>();
  private readonly listedServices = new Listeners<[string, ServiceSummary[]]>();
  private readonly warnings = new Listeners<[string, boolean]>();

  constructor(private readonly options: LinkedBuildsOptions) {}

  onDidChange(listener: (ref: BuildableRef | undefined) => void): Disposable {
    return this.changes.add(listener);
  }

  onDidConclude(listener: (conclusion: Conclusion) => void): Disposable {
    return this.conclusions.add(listener);
  }

  /** The API became unreachable (with why), or reachable again (undefined). */
  onDidChangeReachability(listener: (error: NorthflankError | undefined) => void): Disposable {
    return this.reachability.add(listener);
  }

  onLines(listener: (batch: BuildLines) => void): Disposable {
    return this.lineBatches.add(listener);
  }

  /** A project's services as the poller listed them: names, types and CI, for whoever keeps them. */
  onServices(listener: (projectId: string, services: ServiceSummary[]) => void): Disposable {
    return this.listedServices.add(listener);
  }

  /** A line worth logging; `repeat` when it says what the previous one for the same thing said. */
  onWarning(listener: (line: string, repeat: boolean) => void): Disposable {
    return this.warnings.add(listener);
  }

  /** The links in the order they are shown; unchanged ids keep what is known of their builds. */
  setLinks(links: L[]): void {
    const before = this.links.map(buildableKey).join('\n');
    this.links = links;
    for (const link of links) this.group(link).link = link;
    if (links.map(buildableKey).join('\n') !== before) this.pollerInstance?.setLinks(links);
  }

  groups(): LinkGroup<L>[] {
    return this.links.map((link) => this.group(link));
  }

  get unreachable(): NorthflankError | undefined {
    return this.unreachableError;
  }

  find(ref: BuildableRef, buildId: string): Build | undefined {
    return this.byLink.get(buildableKey(ref))?.builds.find((b) => b.id === buildId);
  }

  /** Reloads the first page of every link; joins a reload already under way. */
  async refresh(): Promise<void> {
    await Promise.all(this.groups().map((entry) => this.once(`first:${buildableKey(entry.link)}`, () => this.load(entry, undefined))));
  }

  /** The next page; a second click while it loads does not ask twice. */
  async loadMore(ref: BuildableRef): Promise<void> {
    const entry = this.byLink.get(buildableKey(ref));
    if (entry?.hasMore) await this.once(`more:${buildableKey(ref)}`, () => this.load(entry, entry.cursor));
  }

  /** A build started here: shown at once and watched to its end. */
  track(ref: BuildableRef, build: Build): void {
    this.merge(ref, [build]);
    this.poller().wake();
  }

  /**
   * This window pushed a commit that CI on these links should build: look for those builds, and show and
   * follow them as if started here; a link where none appears gets a quiet note instead.
   */
  followPush(push: PushedCommit, refs: BuildableRef[], timing?: PushSearchTiming): PushSearch | undefined {
    for (const ref of refs) {
      const entry = this.byLink.get(buildableKey(ref));
      if (entry?.pushNote) {
        entry.pushNote = undefined;
        this.changes.fire(entry.link);
      }
    }
    return this.poller().search(push, refs, timing);
  }

  /** After an abort from here: ask now rather than at the next poll, and announce nothing when it ends. */
  aborted(ref: BuildableRef, buildId: string): void {
    this.abortedHere.add(buildId);
    const watcher = this.watcher();
    if (watcher.isWatching(ref, buildId)) watcher.refresh(ref, buildId);
  }

  setVisibility(visibility: Visibility): void {
    this.visibility = visibility;
    this.watcherInstance?.setVisibility(visibility);
    this.attentive = visibility.focused && visibility.viewVisible;
    if (this.attentive || this.pollerInstance) this.poller().setAttention(this.attentive);
  }

  /** Resolves when no list load, poll round, build request or tail handshake is under way. */
  async settled(): Promise<void> {
    while (this.loading.size > 0) await Promise.allSettled([...this.loading.values()]);
    await this.pollerInstance?.settled();
    await this.watcherInstance?.settled();
  }

  /** Forgets everything (signed out): nothing is watched or polled until asked again. */
  clear(): void {
    this.stop();
    this.watched.clear();
    this.byLink.clear();
    this.setUnreachable(undefined);
    this.changes.fire(undefined);
  }

  dispose(): void {
    this.stop();
    for (const listeners of [this.changes, this.conclusions, this.reachability, this.lineBatches, this.listedServices, this.warnings]) listeners.clear();
  }

  private stop(): void {
    this.watcherInstance?.dispose();
    this.watcherInstance = undefined;
    this.pollerInstance?.dispose();
    this.pollerInstance = undefined;
  }

  private group(link: L): LinkGroup<L> {
    const key = buildableKey(link);
    let entry = this.byLink.get(key);
    if (!entry) {
      entry = { link, builds: [], hasMore: false, loaded: false };
      this.byLink.set(key, entry);
    }
    return entry;
  }

  private once(key: string, load: () => Promise<void>): Promise<void> {
    let loading = this.loading.get(key);
    if (!loading) {
      loading = load().finally(() => this.loading.delete(key));
      this.loading.set(key, loading);
    }
    return loading;
  }

  private async load(entry: LinkGroup<L>, cursor: string | undefined): Promise<void> {
    try {
      const page = await this.options.lists().listBuilds(entry.link, { perPage: PAGE_SIZE, cursor });
      entry.builds = cursor ? [...entry.builds, ...page.items.filter((b) => !entry.builds.some((o) => o.id === b.id))] : page.items;
      entry.cursor = page.cursor;
      entry.hasMore = page.hasNextPage && page.cursor !== undefined;
      entry.error = undefined;
      this.setUnreachable(undefined);
      for (const build of page.items) if (!isConcluded(build)) this.watch(entry.link, build);
    } catch (error) {
      entry.error = error instanceof NorthflankError ? error : new NorthflankError({ kind: 'unexpected', message: String(error) });
      if (UNREACHABLE.has(entry.error.kind)) this.setUnreachable(entry.error);
    }
    entry.loaded = true;
    this.poller();
    this.changes.fire(entry.link);
  }

  /** Builds learnt from a start, a poll or a list: new ones go on top, running ones are watched. */
  private merge(ref: BuildableRef, builds: Build[]): void {
    const entry = this.byLink.get(buildableKey(ref));
    if (!entry) return;
    const fresh = builds.filter((b) => !entry.builds.some((o) => o.id === b.id));
    entry.builds = [...fresh, ...entry.builds.map((o) => builds.find((b) => b.id === o.id) ?? o)].sort(newestFirst);
    for (const build of builds) if (!isConcluded(build)) this.watch(entry.link, build);
    this.changes.fire(entry.link);
  }

  private watch(ref: BuildableRef, build: Build): void {
    this.watcher().watch(ref, build.id, build);
    if (this.watcher().isWatching(ref, build.id)) this.watched.set(`${buildableKey(ref)}#${build.id}`, ref);
    this.pollerInstance?.setBusy([...this.watched.values()]);
  }

  private watcher(): BuildWatcher {
    if (this.watcherInstance) return this.watcherInstance;
    const polling = this.options.polling;
    const watcher = new BuildWatcher({
      client: {
        getBuild: (ref, buildId, options) => polling().getBuild(ref, buildId, options),
        get rateLimit() {
          return polling().rateLimit;
        },
      },
      openTail: this.options.openTail,
      clock: this.options.clock,
    });
    if (this.visibility) watcher.setVisibility(this.visibility);
    watcher.onDidChange((build, ref) => this.update(ref, build));
    watcher.onLines((ref, buildId, lines) => this.lineBatches.fire({ ref, buildId, lines }));
    watcher.onDidConclude((build, ref) => {
      this.lastWarning.delete(build.id);
      this.unwatched(ref, build.id);
      this.update(ref, build);
      this.conclusions.fire({ ref, build, abortedHere: this.abortedHere.delete(build.id) });
      this.pollerInstance?.wake();
    });
    watcher.onError((ref, buildId, error) => {
      this.warn(buildId, `Watching build ${buildId}: ${error.message}`);
      if (UNREACHABLE.has(error.kind)) this.setUnreachable(error);
      // The watcher gives up on these; say so on the link's row instead of showing a build that looks alive forever.
      if (!watcher.isWatching(ref, buildId)) {
        this.unwatched(ref, buildId);
        this.failed(ref, error);
      }
    });
    this.watcherInstance = watcher;
    return watcher;
  }

  private poller(): NewBuildPoller {
    if (this.pollerInstance) return this.pollerInstance;
    const polling = this.options.polling;
    const poller = new NewBuildPoller({
      source: {
        listServices: (projectId, page, options) => polling().listServices(projectId, page, options),
        listBuilds: (ref, page, options) => polling().listBuilds(ref, page, options),
        get rateLimit() {
          return polling().rateLimit;
        },
      },
      clock: this.options.clock,
      timing: this.options.pollerTiming,
      searchTiming: this.options.searchTiming,
    });
    poller.onServices((projectId, services) => {
      this.listedServices.fire(projectId, services);
      for (const service of services) {
        const entry = this.byLink.get(buildableKey({ projectId, serviceId: service.id }));
        if (entry && entry.listedStatus !== service.status?.build?.status) {
          entry.listedStatus = service.status?.build?.status;
          this.changes.fire(entry.link);
        }
      }
    });
    poller.onBuilds((ref, builds) => this.merge(ref, builds));
    // A build that ended before the search saw it is never watched, yet the person pushed to learn how it ends.
    poller.onFound((ref, build) => {
      if (isConcluded(build)) this.conclusions.fire({ ref, build, abortedHere: false });
    });
    poller.onSearchEnded((search) => {
      for (const ref of search.missing) {
        const entry = this.byLink.get(buildableKey(ref));
        if (!entry) continue;
        entry.pushNote = `No build of ${search.push.sha.slice(0, 7)} appeared after the push`;
        this.changes.fire(entry.link);
      }
    });
    poller.onError((error) => {
      this.warn('poller', `Looking for new builds: ${error.message}`);
      if (UNREACHABLE.has(error.kind)) this.setUnreachable(error);
    });
    poller.onSuccess(() => {
      this.lastWarning.delete('poller');
      this.setUnreachable(undefined);
    });
    poller.setLinks(this.links);
    poller.setBusy([...this.watched.values()]);
    poller.setAttention(this.attentive);
    this.pollerInstance = poller;
    return poller;
  }

  /** A storm of the same failure is one warning; the repeats are marked so they can be logged quieter. */
  private warn(about: string, line: string): void {
    this.warnings.fire(line, this.lastWarning.get(about) === line);
    this.lastWarning.set(about, line);
  }

  private unwatched(ref: BuildableRef, buildId: string): void {
    this.watched.delete(`${buildableKey(ref)}#${buildId}`);
    this.pollerInstance?.setBusy([...this.watched.values()]);
  }

  private setUnreachable(error: NorthflankError | undefined): void {
    const changed = (error === undefined) !== (this.unreachableError === undefined);
    this.unreachableError = error;
    if (!changed) return;
    this.reachability.fire(error);
    this.changes.fire(undefined);
  }

  private failed(ref: BuildableRef, error: NorthflankError): void {
    const entry = this.byLink.get(buildableKey(ref));
    if (!entry) return;
    entry.error = error;
    this.changes.fire(ref);
  }

  private update(ref: BuildableRef, build: Build): void {
    const entry = this.byLink.get(buildableKey(ref));
    if (!entry) return;
    entry.builds = entry.builds.map((b) => (b.id === build.id ? build : b));
    this.changes.fire(ref);
  }
}

function newestFirst(a: Build, b: Build): number {
  return (Date.parse(b.createdAt ?? '') || 0) - (Date.parse(a.createdAt ?? '') || 0);
}
