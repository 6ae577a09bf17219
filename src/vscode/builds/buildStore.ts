import vscode = require('vscode');
import { loadOnDemand } from '../loadOnDemand';
import type { NorthflankError } from '../../northflank/errors';
import type { LogTail, LogTailHandlers } from '../../northflank/logTail';
import type { Build, BuildableRef, StartBuildBody } from '../../northflank/types';
import type { PushedCommit } from '../../git/pushedHead';
import type { Visibility } from '../../watch/buildWatcher';
import type { PushSearchTiming } from '../../watch/pushSearch';
import { type BuildLines, type Conclusion, LinkedBuilds, type LinkGroup } from '../../watch/linkedBuilds';
import { apiUrl } from '../configuration';
import type { Connection } from '../connection';
import { log } from '../log';
import type { BuildableLink } from '../links/buildableLink';
import type { BuildableLinks } from '../links/buildableLinks';
import type { BuildableCatalog } from '../links/catalog';

const BODY_PREFIX = 'northflank.sentBody:';

export type LinkBuilds = LinkGroup<BuildableLink>;
export type { BuildLines, Conclusion };

/**
 * The builds the view and the status bar show, grouped by linked service or job: the pure
 * LinkedBuilds (lists, watcher, poller) fed with this window's links and clients, its news turned into
 * VS Code events, the catalog and the log. It also keeps what was sent to start each build here.
 */
export class BuildStore implements vscode.Disposable {
  private readonly core: LinkedBuilds<BuildableLink>;
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
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    connection: Connection,
    private readonly links: BuildableLinks,
    catalog: BuildableCatalog,
    /** Bodies of builds started here, so Re-run can send the same overrides (the API does not return them). */
    private readonly sentBodies: vscode.Memento,
  ) {
    this.core = new LinkedBuilds<BuildableLink>({
      lists: () => connection.api(),
      polling: () => connection.polling(),
      openTail: (ref, buildId, handlers) => openTailOnDemand(ref, buildId, handlers, () => connection.tokenFor(ref)),
    });
    this.core.onDidChange((ref) => this.changed.fire(ref));
    this.core.onDidConclude((conclusion) => this.concluded.fire(conclusion));
    this.core.onDidChangeReachability((error) => this.reachability.fire(error));
    this.core.onLines((batch) => this.lines.fire(batch));
    this.core.onServices((projectId, services) => catalog.rememberListed(projectId, services));
    this.core.onWarning((line, repeat) => (repeat ? log().debug(line) : log().warn(line)));
    this.subscriptions = [links.onDidChange(() => this.sync())];
  }

  /** The linked services and jobs, in workspace-folder order, with what is known of their builds. */
  groups(): LinkBuilds[] {
    this.sync();
    return this.core.groups();
  }

  /** Why the API could not be reached, while it cannot. */
  get unreachable(): NorthflankError | undefined {
    return this.core.unreachable;
  }

  find(ref: BuildableRef, buildId: string): Build | undefined {
    return this.core.find(ref, buildId);
  }

  /** Reloads the first page of every link (the view opened, or Refresh); joins a reload already under way. */
  refresh(): Promise<void> {
    this.sync();
    return this.core.refresh();
  }

  loadMore(ref: BuildableRef): Promise<void> {
    return this.core.loadMore(ref);
  }

  /** A build this window just started: shown at once and watched to its end. */
  track(link: BuildableRef, build: Build, body: StartBuildBody): void {
    void this.sentBodies.update(BODY_PREFIX + build.id, body);
    this.sync();
    this.core.track(link, build);
  }

  /** This window pushed a commit that CI on these links should build: find those builds and follow them as if started here. */
  followPush(push: PushedCommit, links: BuildableRef[], timing?: PushSearchTiming): void {
    this.sync();
    this.core.followPush(push, links, timing);
  }

  /** What was sent to start this build, when it was started from this workspace. */
  sentBody(buildId: string): StartBuildBody | undefined {
    return this.sentBodies.get<StartBuildBody>(BODY_PREFIX + buildId);
  }

  aborted(ref: BuildableRef, buildId: string): void {
    this.core.aborted(ref, buildId);
  }

  setVisibility(visibility: Visibility): void {
    this.sync();
    this.core.setVisibility(visibility);
  }

  clear(): void {
    this.core.clear();
  }

  private sync(): void {
    this.core.setLinks(this.links.all().map((entry) => entry.link));
  }

  dispose(): void {
    this.core.dispose();
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
    this.concluded.dispose();
    this.reachability.dispose();
    this.lines.dispose();
  }
}

/**
 * A live log tail whose code (and the `ws` package) loads with the on-demand bundle the first time a
 * tail opens. Closed before it has opened, it ends at once, as a tail closed here does.
 */
function openTailOnDemand(ref: BuildableRef, buildId: string, handlers: LogTailHandlers, token: () => Promise<string | undefined>): LogTail {
  let tail: LogTail | undefined;
  let closed = false;
  void loadOnDemand().then(
    ({ openBuildLogTail }) => {
      if (!closed) tail = openBuildLogTail({ baseUrl: apiUrl(), token }, ref, { buildId }, handlers);
    },
    (error: unknown) => {
      log().error(`The live log could not load: ${String(error)}`);
      if (!closed) handlers.onClose();
      closed = true;
    },
  );
  return {
    close: () => {
      if (closed) return;
      closed = true;
      if (tail) tail.close();
      else handlers.onClose();
    },
  };
}
