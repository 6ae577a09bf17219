import * as vscode from 'vscode';
import type { ServiceRef } from '../../northflank/types';
import type { BuildStore } from './buildStore';
import { BuildNode, LoadMoreNode, MessageNode, ServiceNode, refKey, type BuildsNode } from './buildTreeItems';

/** Draws the store; it never asks the API itself except to load when first shown. */
export class BuildsTreeProvider implements vscode.TreeDataProvider<BuildsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<BuildsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private loadedOnce = false;

  constructor(private readonly store: BuildStore) {
    this.subscription = store.onDidChange(() => this.changed.fire(undefined));
  }

  getTreeItem(node: BuildsNode): vscode.TreeItem {
    return node;
  }

  getChildren(node?: BuildsNode): BuildsNode[] {
    if (!node) {
      if (!this.loadedOnce) {
        this.loadedOnce = true;
        void this.store.refresh();
      }
      return this.store.services().map((entry) => new ServiceNode(entry));
    }
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
    this.subscription.dispose();
    this.changed.dispose();
  }
}
