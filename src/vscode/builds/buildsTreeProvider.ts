import * as vscode from 'vscode';
import type { ServiceRef } from '../../northflank/types';
import type { TokenStore } from '../auth/tokenStore';
import type { BuildStore, ServiceBuilds } from './buildStore';
import { BuildNode, LoadMoreNode, MessageNode, ServiceNode, refKey, type BuildsNode } from './buildTreeItems';

const UNREACHABLE = new Set(['network', 'timeout', 'server']);

/** Nothing to show but the "could not reach the API" welcome: every service failed to load and none has builds to fall back on. */
export function apiUnreachable(services: ServiceBuilds[]): boolean {
  return services.length > 0 && services.every((s) => s.error !== undefined && UNREACHABLE.has(s.error.kind) && s.builds.length === 0);
}

/**
 * Draws the store; it never asks the API itself except to load when first shown.
 * VS Code shows a view's welcome content only while its tree is empty, so the root
 * lists nothing when a welcome has something to say (no token, API unreachable).
 */
export class BuildsTreeProvider implements vscode.TreeDataProvider<BuildsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<BuildsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];
  private loadedOnce = false;

  constructor(
    private readonly store: BuildStore,
    private readonly tokens: TokenStore,
  ) {
    this.subscriptions = [
      store.onDidChange(() => this.changed.fire(undefined)),
      tokens.onDidChange((hasToken) => {
        // Signed in (again): the next time the view draws, it loads with the new token.
        if (hasToken) this.loadedOnce = false;
        this.changed.fire(undefined);
      }),
    ];
  }

  getTreeItem(node: BuildsNode): vscode.TreeItem {
    return node;
  }

  async getChildren(node?: BuildsNode): Promise<BuildsNode[]> {
    if (!node) return this.roots();
    if (!(node instanceof ServiceNode)) return [];
    const entry = this.store.services().find((e) => refKey(e.link) === refKey(node.entry.link)) ?? node.entry;
    const ref = entry.link;
    if (entry.error && entry.builds.length === 0) {
      return [new MessageNode(`error:${refKey(ref)}`, `Could not load builds: ${entry.error.message}`, 'warning', { command: 'northflank.refreshBuilds', title: 'Retry' })];
    }
    if (!entry.loaded && entry.builds.length === 0) return [new MessageNode(`loading:${refKey(ref)}`, 'Loading builds…', 'loading~spin')];
    if (entry.builds.length === 0) return [new MessageNode(`empty:${refKey(ref)}`, 'No builds yet. Start one with Northflank: Start Build.', 'info', { command: 'northflank.startBuild', title: 'Start Build' })];
    const now = Date.now();
    const nodes: BuildsNode[] = entry.builds.map((build) => new BuildNode(ref, build, now));
    if (entry.hasMore) nodes.push(new LoadMoreNode(ref));
    return nodes;
  }

  private async roots(): Promise<BuildsNode[]> {
    if (!(await this.tokens.has())) return [];
    const services = this.store.services();
    if (!this.loadedOnce && services.length > 0) {
      this.loadedOnce = true;
      void this.store.refresh();
    }
    if (apiUnreachable(services)) return [];
    return services.map((entry) => new ServiceNode(entry));
  }

  getParent(node: BuildsNode): BuildsNode | undefined {
    if (node instanceof BuildNode || node instanceof LoadMoreNode) {
      const entry = this.store.services().find((e) => refKey(e.link) === refKey(node.ref));
      return entry ? new ServiceNode(entry) : undefined;
    }
    return undefined;
  }

  /** The node for a build, for `TreeView.reveal`. */
  nodeFor(ref: ServiceRef, buildId: string): BuildNode | undefined {
    const build = this.store.find(ref, buildId);
    return build ? new BuildNode(ref, build) : undefined;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
