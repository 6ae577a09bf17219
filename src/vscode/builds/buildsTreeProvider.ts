import vscode = require('vscode');
import { buildableKey } from '../../northflank/buildableRef';
import type { BuildableRef } from '../../northflank/types';
import type { AccountStore } from '../auth/accountStore';
import type { BuildableCatalog } from '../links/catalog';
import type { BuildStore, LinkBuilds } from './buildStore';
import { BuildNode, LinkNode, LoadMoreNode, MessageNode, type BuildsNode } from './buildTreeItems';

const UNREACHABLE = new Set(['network', 'timeout', 'server']);

/** Nothing to show but the "could not reach the API" welcome: every link failed to load and none has builds to fall back on. */
export function apiUnreachable(groups: LinkBuilds[]): boolean {
  return groups.length > 0 && groups.every((g) => g.error !== undefined && UNREACHABLE.has(g.error.kind) && g.builds.length === 0);
}

/**
 * Draws the store, one group per linked service or job; it never asks the API itself except to load
 * when first shown. VS Code shows a view's welcome content only while its tree is empty, so the root
 * lists nothing when a welcome has something to say (no token, API unreachable).
 */
export class BuildsTreeProvider implements vscode.TreeDataProvider<BuildsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<BuildsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];
  private loadedOnce = false;

  constructor(
    private readonly store: BuildStore,
    private readonly accounts: AccountStore,
    private readonly catalog: BuildableCatalog,
  ) {
    this.subscriptions = [
      store.onDidChange(() => this.changed.fire(undefined)),
      // A name, kind or CI state learnt from a list: only a redraw, never a reload.
      catalog.onDidChange(() => this.changed.fire(undefined)),
      accounts.onDidChange(() => {
        // Signed in (again), or another team: the next time the view draws, it loads with the new tokens.
        this.loadedOnce = false;
        this.changed.fire(undefined);
      }),
    ];
  }

  getTreeItem(node: BuildsNode): vscode.TreeItem {
    return node;
  }

  async getChildren(node?: BuildsNode): Promise<BuildsNode[]> {
    if (!node) return this.roots();
    if (!(node instanceof LinkNode)) return [];
    const entry = this.store.groups().find((g) => buildableKey(g.link) === buildableKey(node.entry.link)) ?? node.entry;
    const ref = entry.link;
    const key = buildableKey(ref);
    // Quiet on purpose: a push CI did not build is worth a line where its builds would be, not a toast.
    const pushNote = entry.pushNote ? [new MessageNode(`push:${key}`, entry.pushNote, 'info')] : [];
    if (entry.error && entry.builds.length === 0) {
      return [new MessageNode(`error:${key}`, vscode.l10n.t('Could not load builds: {0}', entry.error.message), 'warning', { command: 'northflank.refreshBuilds', title: vscode.l10n.t('Retry') })];
    }
    if (!entry.loaded && entry.builds.length === 0) return [new MessageNode(`loading:${key}`, vscode.l10n.t('Loading builds…'), 'loading~spin')];
    if (entry.builds.length === 0) {
      return [...pushNote, new MessageNode(`empty:${key}`, vscode.l10n.t('No builds yet. Start one with Northflank: Start Build.'), 'info', { command: 'northflank.startBuild', title: vscode.l10n.t('Start Build'), arguments: [node] })];
    }
    const now = Date.now();
    const nodes: BuildsNode[] = [...pushNote, ...entry.builds.map((build) => new BuildNode(ref, build, this.store.sentBody(build.id), now))];
    if (entry.hasMore) nodes.push(new LoadMoreNode(ref));
    return nodes;
  }

  private async roots(): Promise<BuildsNode[]> {
    if (!(await this.accounts.has())) return [];
    const groups = this.store.groups();
    if (!this.loadedOnce && groups.length > 0) {
      this.loadedOnce = true;
      void this.store.refresh();
    }
    if (apiUnreachable(groups)) return [];
    return groups.map((entry) => this.linkNode(entry));
  }

  getParent(node: BuildsNode): BuildsNode | undefined {
    if (node instanceof BuildNode || node instanceof LoadMoreNode) {
      const entry = this.store.groups().find((g) => buildableKey(g.link) === buildableKey(node.ref));
      return entry ? this.linkNode(entry) : undefined;
    }
    return undefined;
  }

  /** The node for a build, for `TreeView.reveal`. */
  nodeFor(ref: BuildableRef, buildId: string): BuildNode | undefined {
    const build = this.store.find(ref, buildId);
    return build ? new BuildNode(ref, build, this.store.sentBody(buildId)) : undefined;
  }

  private linkNode(entry: LinkBuilds): LinkNode {
    return new LinkNode(entry, this.catalog.get(entry.link)?.ciOn);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
