import vscode = require('vscode');
import type { BuildableRef } from '../../northflank/types';
import type { BuildsTreeProvider } from './buildsTreeProvider';
import type { BuildNode, BuildsNode } from './buildTreeItems';

/**
 * The Builds view's data provider as activation registers it. What draws the tree (its nodes, icons,
 * phases and times) is `BuildsTreeProvider`, in dist/later.js: made on the first draw, or the first
 * call from elsewhere, so that activation compiles none of it.
 */
export class BuildsTree implements vscode.TreeDataProvider<BuildsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<BuildsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private drawing: BuildsTreeProvider | undefined;
  private forwarding: vscode.Disposable | undefined;

  constructor(private readonly draw: () => BuildsTreeProvider) {}

  getTreeItem(node: BuildsNode): vscode.TreeItem {
    return node;
  }

  getChildren(node?: BuildsNode): Promise<BuildsNode[]> {
    return this.provider().getChildren(node);
  }

  getParent(node: BuildsNode): BuildsNode | undefined {
    return this.provider().getParent(node);
  }

  /** The node for a build, for `TreeView.reveal`. */
  nodeFor(ref: BuildableRef, buildId: string): BuildNode | undefined {
    return this.provider().nodeFor(ref, buildId);
  }

  private provider(): BuildsTreeProvider {
    if (!this.drawing) {
      this.drawing = this.draw();
      this.forwarding = this.drawing.onDidChangeTreeData((node) => this.changed.fire(node));
    }
    return this.drawing;
  }

  dispose(): void {
    this.forwarding?.dispose();
    this.drawing?.dispose();
    this.changed.dispose();
  }
}
