import type { Build, BuildableRef } from '../../src/northflank/types';
import type { Visibility } from '../../src/watch/buildWatcher';
import { LinkedBuilds, type LinkedBuildsOptions } from '../../src/watch/linkedBuilds';
import type { WatchClock } from '../../src/watch/watchClock';

/**
 * The extension's own LinkedBuilds (what BuildStore wraps for VS Code), with a record of when each
 * build first reached it and when each concluded, on the bench's clock.
 */
export class RecordedLinkedBuilds {
  readonly core: LinkedBuilds<BuildableRef>;
  /** When each build id was first in a link's list. */
  readonly firstSeen = new Map<string, number>();
  readonly concluded: Array<{ ref: BuildableRef; build: Build; at: number }> = [];

  constructor(options: LinkedBuildsOptions & { links: BuildableRef[]; clock: WatchClock }) {
    this.core = new LinkedBuilds<BuildableRef>(options);
    this.core.setLinks(options.links);
    this.core.onDidChange(() => {
      for (const group of this.core.groups()) for (const build of group.builds) if (!this.firstSeen.has(build.id)) this.firstSeen.set(build.id, options.clock.now());
    });
    this.core.onDidConclude(({ ref, build }) => this.concluded.push({ ref, build, at: options.clock.now() }));
  }

  /** The Builds view drew its root for the first time: the first page of every link. */
  refresh(): void {
    void this.core.refresh();
  }

  setVisibility(visibility: Visibility): void {
    this.core.setVisibility(visibility);
  }

  settled(): Promise<void> {
    return this.core.settled();
  }

  dispose(): void {
    this.core.dispose();
  }
}
