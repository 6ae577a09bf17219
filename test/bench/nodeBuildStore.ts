import { buildableKey } from '../../src/northflank/buildableRef';
import type { NorthflankClient } from '../../src/northflank/client';
import type { Build, BuildableRef } from '../../src/northflank/types';
import { BuildWatcher, type LogTailOpener, type Visibility } from '../../src/watch/buildWatcher';
import { NewBuildPoller, type PollerTiming } from '../../src/watch/newBuildPoller';
import type { WatchClock } from '../../src/watch/watchClock';

/** As the store's first page of each link. */
const PAGE_SIZE = 20;

export interface NodeBuildStoreOptions {
  links: BuildableRef[];
  /** The store's `connection.api()`: the view's list loads. */
  api: NorthflankClient;
  /** The store's `connection.polling()`: the poller and the watcher, one attempt per request. */
  polling: NorthflankClient;
  openTail: LogTailOpener;
  clock: WatchClock;
  /** Passed to the poller, to measure other timings than the shipped ones. */
  pollerTiming?: Partial<PollerTiming>;
}

/**
 * BuildStore's wiring of the NewBuildPoller and the BuildWatcher (src/vscode/builds/buildStore.ts),
 * without VS Code, so that plain Node can count what the extension sends: the same calls, in the same
 * order, with the same triggers. The view's first load, a build noticed running is watched, busy is
 * the links with a watched build, a conclusion wakes the poller, and visibility goes to both. Keep it
 * in step with the store when the store's wiring changes.
 */
export class NodeBuildStore {
  /** Every time the poller handed over builds: what the store would then have. */
  readonly noticed: Array<{ ref: BuildableRef; builds: Build[]; at: number }> = [];
  readonly concluded: Array<{ ref: BuildableRef; build: Build; at: number }> = [];
  private readonly byLink = new Map<string, { link: BuildableRef; builds: Build[] }>();
  private readonly watched = new Map<string, BuildableRef>();
  private readonly loading = new Set<Promise<void>>();
  private watcherInstance: BuildWatcher | undefined;
  private pollerInstance: NewBuildPoller | undefined;
  private attentive = false;

  constructor(private readonly options: NodeBuildStoreOptions) {
    for (const link of options.links) this.byLink.set(buildableKey(link), { link, builds: [] });
  }

  /** The Builds view drew its root for the first time: the first page of every link. */
  refresh(): void {
    for (const entry of this.byLink.values()) {
      const load = this.load(entry).finally(() => this.loading.delete(load));
      this.loading.add(load);
    }
  }

  setVisibility(visibility: Visibility): void {
    this.watcherInstance?.setVisibility(visibility);
    this.attentive = visibility.focused && visibility.viewVisible;
    if (this.attentive || this.pollerInstance) this.poller().setAttention(this.attentive);
  }

  has(ref: BuildableRef, buildId: string): boolean {
    return this.byLink.get(buildableKey(ref))?.builds.some((build) => build.id === buildId) ?? false;
  }

  /** Resolves when no list load, poll round, build request or tail handshake is under way. */
  async settled(): Promise<void> {
    while (this.loading.size > 0) await Promise.allSettled([...this.loading]);
    await this.pollerInstance?.settled();
    await this.watcherInstance?.settled();
  }

  dispose(): void {
    this.watcherInstance?.dispose();
    this.pollerInstance?.dispose();
  }

  private async load(entry: { link: BuildableRef; builds: Build[] }): Promise<void> {
    try {
      const page = await this.options.api.listBuilds(entry.link, { perPage: PAGE_SIZE });
      entry.builds = page.items;
      for (const build of page.items) if (build.concluded !== true) this.watch(entry.link, build);
    } catch {
      // The store shows the error on the link's row; what matters here is that the poller starts anyway.
    }
    this.poller();
  }

  private merge(ref: BuildableRef, builds: Build[]): void {
    const entry = this.byLink.get(buildableKey(ref));
    if (!entry) return;
    const fresh = builds.filter((b) => !entry.builds.some((o) => o.id === b.id));
    entry.builds = [...fresh, ...entry.builds.map((o) => builds.find((b) => b.id === o.id) ?? o)];
    for (const build of builds) if (build.concluded !== true) this.watch(entry.link, build);
  }

  private watch(ref: BuildableRef, build: Build): void {
    this.watcher().watch(ref, build.id, build);
    if (this.watcher().isWatching(ref, build.id)) this.watched.set(`${buildableKey(ref)}#${build.id}`, ref);
    this.pollerInstance?.setBusy([...this.watched.values()]);
  }

  private watcher(): BuildWatcher {
    if (this.watcherInstance) return this.watcherInstance;
    const watcher = new BuildWatcher({ client: this.options.polling, openTail: this.options.openTail, clock: this.options.clock });
    watcher.onDidChange((build, ref) => this.update(ref, build));
    watcher.onDidConclude((build, ref) => {
      this.unwatched(ref, build.id);
      this.update(ref, build);
      this.concluded.push({ ref, build, at: this.options.clock.now() });
      this.pollerInstance?.wake();
    });
    watcher.onError((ref, buildId) => {
      if (!watcher.isWatching(ref, buildId)) this.unwatched(ref, buildId);
    });
    this.watcherInstance = watcher;
    return watcher;
  }

  private poller(): NewBuildPoller {
    if (this.pollerInstance) return this.pollerInstance;
    const poller = new NewBuildPoller({ source: this.options.polling, clock: this.options.clock, timing: this.options.pollerTiming });
    poller.onBuilds((ref, builds) => {
      this.noticed.push({ ref, builds, at: this.options.clock.now() });
      this.merge(ref, builds);
    });
    poller.setLinks(this.options.links);
    poller.setBusy([...this.watched.values()]);
    poller.setAttention(this.attentive);
    this.pollerInstance = poller;
    return poller;
  }

  private unwatched(ref: BuildableRef, buildId: string): void {
    this.watched.delete(`${buildableKey(ref)}#${buildId}`);
    this.pollerInstance?.setBusy([...this.watched.values()]);
  }

  private update(ref: BuildableRef, build: Build): void {
    const entry = this.byLink.get(buildableKey(ref));
    if (entry) entry.builds = entry.builds.map((b) => (b.id === build.id ? build : b));
  }
}
