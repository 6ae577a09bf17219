import { isConcluded } from '../../northflank/buildStatus';
import * as vscode from 'vscode';
import { buildableKey } from '../../northflank/buildableRef';
import { NorthflankError } from '../../northflank/errors';
import { openBuildLogTail } from '../../northflank/logTail';
import type { Build, BuildableRef, BuildStatus, LogLine, StartBuildBody } from '../../northflank/types';
import { BuildWatcher, type Visibility } from '../../watch/buildWatcher';
import { NewBuildPoller } from '../../watch/newBuildPoller';
import { apiUrl } from '../configuration';
import type { Connection } from '../connection';
import { log } from '../log';
import type { BuildableLink } from '../links/buildableLink';
import type { BuildableLinks } from '../links/buildableLinks';
import type { BuildableCatalog } from '../links/catalog';

const PAGE_SIZE = 20;
const BODY_PREFIX = 'northflank.sentBody:';
/** Failures that mean the API could not be reached, as opposed to an answer refusing something. */
const UNREACHABLE = new Set(['network', 'timeout', 'server']);

/** One linked service or job and what is known of its builds. */
export interface LinkBuilds {
  link: BuildableLink;
  builds: Build[];
  cursor?: string;
  hasMore: boolean;
  loaded: boolean;
  error?: NorthflankError;
  /** `status.build` from the project's service list, for a service whose builds are not loaded yet. */
  listedStatus?: BuildStatus;
}

/** A batch of lines from the live tail the watcher keeps on a running build. */
export interface BuildLines {
  ref: BuildableRef;
  buildId: string;
  lines: LogLine[];
}

export interface Conclusion {
  ref: BuildableRef;
  build: Build;
  /** This person aborted it here: no news to them. */
  abortedHere: boolean;
}

/**
 * The builds the view and the status bar show, grouped by linked service or job. Lists load when asked
 * (the view opening, a refresh); the watcher keeps unconcluded builds live; the poller notices builds
 * started elsewhere while someone looks or a build runs. The store re-publishes what they learn.
 */
export class BuildStore implements vscode.Disposable {
  private readonly byLink = new Map<string, LinkBuilds>();
  private readonly changed = new vscode.EventEmitter<BuildableRef | undefined>();
  private readonly concluded = new vscode.EventEmitter<Conclusion>();
  private readonly reachability = new vscode.EventEmitter<NorthflankError | undefined>();
  private readonly lines = new vscode.EventEmitter<BuildLines>();
  readonly onDidChange = this.changed.event;
  readonly onDidConclude = this.concluded.event;
  /** Log lines of running builds, as the watcher's tail brings them: an open log follows these instead of a tail of its own. */
  readonly onDidReceiveLines = this.lines.event;
  /** The API became unreachable (with why), or reachable again (undefined). */
  readonly onDidChangeReachability = this.reachability.event;
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
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly connection: Connection,
    private readonly links: BuildableLinks,
    private readonly catalog: BuildableCatalog,
    /** Bodies of builds started here, so Re-run can send the same overrides (the API does not return them). */
    private readonly sentBodies: vscode.Memento,
  ) {
    this.subscriptions = [links.onDidChange(() => this.pollerInstance?.setLinks(this.links.all().map((e) => e.link)))];
  }

  /** The linked services and jobs, in workspace-folder order, with what is known of their builds. */
  groups(): LinkBuilds[] {
    return this.links.all().map(({ link }) => {
      const entry = this.entry(link);
      entry.link = link;
      return entry;
    });
  }

  /** Why the API could not be reached, while it cannot. */
  get unreachable(): NorthflankError | undefined {
    return this.unreachableError;
  }

  latest(ref: BuildableRef): Build | undefined {
    return this.byLink.get(buildableKey(ref))?.builds[0];
  }

  find(ref: BuildableRef, buildId: string): Build | undefined {
    return this.byLink.get(buildableKey(ref))?.builds.find((b) => b.id === buildId);
  }

  /** Reloads the first page of every link (the view opened, or Refresh); joins a reload already under way. */
  async refresh(): Promise<void> {
    await Promise.all(this.groups().map((entry) => this.once(`first:${buildableKey(entry.link)}`, () => this.load(entry, undefined))));
  }

  /** The next page; a second click while it loads does not ask twice. */
  async loadMore(ref: BuildableRef): Promise<void> {
    const entry = this.byLink.get(buildableKey(ref));
    if (entry?.hasMore) await this.once(`more:${buildableKey(ref)}`, () => this.load(entry, entry.cursor));
  }

  /** A build this window just started: shown at once and watched to its end. */
  track(link: BuildableLink, build: Build, body: StartBuildBody): void {
    void this.sentBodies.update(BODY_PREFIX + build.id, body);
    this.merge(link, [build]);
    this.poller().wake();
  }

  /** What was sent to start this build, when it was started from this workspace. */
  sentBody(buildId: string): StartBuildBody | undefined {
    return this.sentBodies.get<StartBuildBody>(BODY_PREFIX + buildId);
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

  clear(): void {
    this.watcherInstance?.dispose();
    this.watcherInstance = undefined;
    this.pollerInstance?.dispose();
    this.pollerInstance = undefined;
    this.watched.clear();
    this.byLink.clear();
    this.setUnreachable(undefined);
    this.changed.fire(undefined);
  }

  private entry(link: BuildableLink): LinkBuilds {
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

  private async load(entry: LinkBuilds, cursor: string | undefined): Promise<void> {
    try {
      const page = await this.connection.api().listBuilds(entry.link, { perPage: PAGE_SIZE, cursor });
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
    this.changed.fire(entry.link);
  }

  /** Builds learnt from a start, a poll or a list: new ones go on top, running ones are watched. */
  private merge(link: BuildableLink | BuildableRef, builds: Build[]): void {
    const entry = this.byLink.get(buildableKey(link)) ?? ('name' in link ? this.entry(link) : undefined);
    if (!entry) return;
    const fresh = builds.filter((b) => !entry.builds.some((o) => o.id === b.id));
    entry.builds = [...fresh, ...entry.builds.map((o) => builds.find((b) => b.id === o.id) ?? o)].sort(newestFirst);
    for (const build of builds) if (!isConcluded(build)) this.watch(entry.link, build);
    this.changed.fire(entry.link);
  }

  private watch(ref: BuildableRef, build: Build): void {
    this.watcher().watch(ref, build.id, build);
    if (this.watcher().isWatching(ref, build.id)) this.watched.set(`${buildableKey(ref)}#${build.id}`, ref);
    this.pollerInstance?.setBusy([...this.watched.values()]);
  }

  private watcher(): BuildWatcher {
    if (this.watcherInstance) return this.watcherInstance;
    const connection = this.connection;
    const watcher = new BuildWatcher({
      client: {
        getBuild: (ref, buildId, options) => connection.polling().getBuild(ref, buildId, options),
        get rateLimit() {
          return connection.polling().rateLimit;
        },
      },
      openTail: (ref, buildId, handlers) => openBuildLogTail({ baseUrl: apiUrl(), token: () => connection.tokens.get() }, ref, { buildId }, handlers),
    });
    if (this.visibility) watcher.setVisibility(this.visibility);
    watcher.onDidChange((build, ref) => this.update(ref, build));
    watcher.onLines((ref, buildId, lines) => this.lines.fire({ ref, buildId, lines }));
    watcher.onDidConclude((build, ref) => {
      this.lastWarning.delete(build.id);
      this.unwatched(ref, build.id);
      this.update(ref, build);
      this.concluded.fire({ ref, build, abortedHere: this.abortedHere.delete(build.id) });
      this.pollerInstance?.wake();
    });
    watcher.onError((ref, buildId, error) => {
      // A storm of the same failure is one warning; the repeats go at debug level.
      const line = `Watching build ${buildId}: ${error.message}`;
      if (this.lastWarning.get(buildId) === line) log().debug(line);
      else log().warn(line);
      this.lastWarning.set(buildId, line);
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

  /** Starts with the first list load or visible view, never at activation. */
  private poller(): NewBuildPoller {
    if (this.pollerInstance) return this.pollerInstance;
    const connection = this.connection;
    const poller = new NewBuildPoller({
      source: {
        listServices: (projectId, page, options) => connection.polling().listServices(projectId, page, options),
        listBuilds: (ref, page, options) => connection.polling().listBuilds(ref, page, options),
        get rateLimit() {
          return connection.polling().rateLimit;
        },
      },
    });
    poller.onServices((projectId, services) => {
      this.catalog.rememberListed(projectId, services);
      for (const service of services) {
        const entry = this.byLink.get(buildableKey({ projectId, serviceId: service.id }));
        if (entry && entry.listedStatus !== service.status?.build?.status) {
          entry.listedStatus = service.status?.build?.status;
          this.changed.fire(entry.link);
        }
      }
    });
    poller.onBuilds((ref, builds) => this.merge(ref, builds));
    poller.onError((error) => {
      const line = `Looking for new builds: ${error.message}`;
      if (this.lastWarning.get('poller') === line) log().debug(line);
      else log().warn(line);
      this.lastWarning.set('poller', line);
      if (UNREACHABLE.has(error.kind)) this.setUnreachable(error);
    });
    poller.onSuccess(() => {
      this.lastWarning.delete('poller');
      this.setUnreachable(undefined);
    });
    poller.setLinks(this.links.all().map((e) => e.link));
    poller.setBusy([...this.watched.values()]);
    poller.setAttention(this.attentive);
    this.pollerInstance = poller;
    return poller;
  }

  private unwatched(ref: BuildableRef, buildId: string): void {
    this.watched.delete(`${buildableKey(ref)}#${buildId}`);
    this.pollerInstance?.setBusy([...this.watched.values()]);
  }

  private setUnreachable(error: NorthflankError | undefined): void {
    if ((error === undefined) === (this.unreachableError === undefined)) {
      this.unreachableError = error ?? undefined;
      return;
    }
    this.unreachableError = error;
    this.reachability.fire(error);
    this.changed.fire(undefined);
  }

  private failed(ref: BuildableRef, error: NorthflankError): void {
    const entry = this.byLink.get(buildableKey(ref));
    if (!entry) return;
    entry.error = error;
    this.changed.fire(ref);
  }

  private update(ref: BuildableRef, build: Build): void {
    const entry = this.byLink.get(buildableKey(ref));
    if (!entry) return;
    entry.builds = entry.builds.map((b) => (b.id === build.id ? build : b));
    this.changed.fire(ref);
  }

  dispose(): void {
    this.watcherInstance?.dispose();
    this.pollerInstance?.dispose();
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
    this.concluded.dispose();
    this.reachability.dispose();
    this.lines.dispose();
  }
}

function newestFirst(a: Build, b: Build): number {
  return (Date.parse(b.createdAt ?? '') || 0) - (Date.parse(a.createdAt ?? '') || 0);
}
