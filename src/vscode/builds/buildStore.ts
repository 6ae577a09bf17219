import * as vscode from 'vscode';
import { NorthflankError } from '../../northflank/errors';
import { openBuildLogTail } from '../../northflank/logTail';
import type { Build, ServiceRef, StartBuildBody } from '../../northflank/types';
import { BuildWatcher, type Visibility } from '../../watch/buildWatcher';
import { apiUrl } from '../configuration';
import type { Connection } from '../connection';
import { log } from '../log';
import type { ServiceLink, ServiceLinks } from '../serviceLinks';

const PAGE_SIZE = 20;
const BODY_PREFIX = 'northflank.sentBody:';

export interface ServiceBuilds {
  link: ServiceLink;
  builds: Build[];
  cursor?: string;
  hasMore: boolean;
  loaded: boolean;
  error?: NorthflankError;
}

/**
 * The builds the view and the status bar show, one list per linked service.
 * Lists load only when asked (the view opening, a refresh); the watcher keeps
 * the unconcluded ones live, and the store re-publishes what it learns.
 */
export class BuildStore implements vscode.Disposable {
  private readonly byService = new Map<string, ServiceBuilds>();
  private readonly changed = new vscode.EventEmitter<ServiceRef | undefined>();
  private readonly concluded = new vscode.EventEmitter<{ ref: ServiceRef; build: Build }>();
  readonly onDidChange = this.changed.event;
  readonly onDidConclude = this.concluded.event;
  private watcherInstance: BuildWatcher | undefined;
  private readonly loading = new Map<string, Promise<void>>();

  constructor(
    private readonly connection: Connection,
    private readonly links: ServiceLinks,
    /** Bodies of builds started here, so Re-run can send the same overrides (the API does not return them). */
    private readonly sentBodies: vscode.Memento,
  ) {}

  /** The linked services, in workspace-folder order, with what is known of their builds. */
  services(): ServiceBuilds[] {
    return this.links.all().map(({ link }) => this.entry(link));
  }

  latest(ref: ServiceRef): Build | undefined {
    return this.byService.get(keyOf(ref))?.builds[0];
  }

  find(ref: ServiceRef, buildId: string): Build | undefined {
    return this.byService.get(keyOf(ref))?.builds.find((b) => b.id === buildId);
  }

  /** Reloads the first page of every linked service (the view opened, or Refresh); joins a reload already under way. */
  async refresh(): Promise<void> {
    await Promise.all(this.services().map((entry) => this.once(`first:${keyOf(entry.link)}`, () => this.load(entry, undefined))));
  }

  /** The next page; a second click while it loads does not ask twice. */
  async loadMore(ref: ServiceRef): Promise<void> {
    const entry = this.byService.get(keyOf(ref));
    if (entry?.hasMore) await this.once(`more:${keyOf(ref)}`, () => this.load(entry, entry.cursor));
  }

  /** A build this window just started: shown at once and watched to its end. */
  track(link: ServiceLink, build: Build, body: StartBuildBody): void {
    void this.sentBodies.update(BODY_PREFIX + build.id, body);
    const entry = this.entry(link);
    entry.builds = [build, ...entry.builds.filter((b) => b.id !== build.id)];
    this.watcher().watch(link, build.id, build);
    this.changed.fire(link);
  }

  /** What was sent to start this build, when it was started from this workspace. */
  sentBody(buildId: string): StartBuildBody | undefined {
    return this.sentBodies.get<StartBuildBody>(BODY_PREFIX + buildId);
  }

  /** After an abort: ask now rather than at the next poll. */
  refreshBuild(ref: ServiceRef, buildId: string): void {
    const watcher = this.watcher();
    if (watcher.isWatching(ref, buildId)) watcher.refresh(ref, buildId);
  }

  setVisibility(visibility: Visibility): void {
    this.watcherInstance?.setVisibility(visibility);
  }

  clear(): void {
    this.watcherInstance?.dispose();
    this.watcherInstance = undefined;
    this.byService.clear();
    this.changed.fire(undefined);
  }

  private entry(link: ServiceLink): ServiceBuilds {
    const key = keyOf(link);
    let entry = this.byService.get(key);
    if (!entry) {
      entry = { link, builds: [], hasMore: false, loaded: false };
      this.byService.set(key, entry);
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

  private async load(entry: ServiceBuilds, cursor: string | undefined): Promise<void> {
    try {
      const page = await this.connection.api().listBuilds(entry.link, { perPage: PAGE_SIZE, cursor });
      entry.builds = cursor ? [...entry.builds, ...page.items.filter((b) => !entry.builds.some((o) => o.id === b.id))] : page.items;
      entry.cursor = page.cursor;
      entry.hasMore = page.hasNextPage && page.cursor !== undefined;
      entry.error = undefined;
      for (const build of page.items) if (build.concluded !== true) this.watcher().watch(entry.link, build.id, build);
    } catch (error) {
      entry.error = error instanceof NorthflankError ? error : new NorthflankError({ kind: 'unexpected', message: String(error) });
    }
    entry.loaded = true;
    this.changed.fire(entry.link);
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
    watcher.onDidChange((build, ref) => this.update(ref, build));
    watcher.onDidConclude((build, ref) => {
      this.update(ref, build);
      this.concluded.fire({ ref, build });
    });
    watcher.onError((ref, buildId, error) => {
      log().warn(`Watching build ${buildId}: ${error.message}`);
      // The watcher gives up on these; say so on the service row instead of showing a build that looks alive forever.
      if (!watcher.isWatching(ref, buildId)) this.failed(ref, error);
    });
    this.watcherInstance = watcher;
    return watcher;
  }

  private failed(ref: ServiceRef, error: NorthflankError): void {
    const entry = this.byService.get(keyOf(ref));
    if (!entry) return;
    entry.error = error;
    this.changed.fire(ref);
  }

  private update(ref: ServiceRef, build: Build): void {
    const entry = this.byService.get(keyOf(ref));
    if (!entry) return;
    entry.builds = entry.builds.map((b) => (b.id === build.id ? build : b));
    this.changed.fire(ref);
  }

  dispose(): void {
    this.watcherInstance?.dispose();
    this.changed.dispose();
    this.concluded.dispose();
  }
}

function keyOf(ref: ServiceRef): string {
  return `${ref.projectId}/${ref.serviceId}`;
}
