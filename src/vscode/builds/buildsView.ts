import vscode = require('vscode');
import { registerCommand } from '../commandRegistry';
import type { Deps } from '../deps';
import { registerBuildsFollowUp } from './buildsFollowUp';
import { BuildLogDocuments, LOG_SCHEME } from './buildLogDocuments';
import { apiUnreachable, BuildsTreeProvider } from './buildsTreeProvider';
import type { BuildableRef } from '../../northflank/types';

/** The Builds view, its commands, its logs, and what it does when builds conclude or a push lands. */
export function registerBuildsView(deps: Deps): vscode.Disposable[] {
  const tree = new BuildsTreeProvider(deps.builds, deps.accounts, deps.catalog);
  deps.buildsTree = tree;
  const view = vscode.window.createTreeView('northflank.builds', { treeDataProvider: tree, showCollapseAll: true });
  const logs = new BuildLogDocuments(deps.connection, deps.builds);
  const visibility = () => deps.builds.setVisibility({ focused: vscode.window.state.focused, viewVisible: view.visible });
  const setContexts = () => {
    const groups = deps.builds.groups();
    void vscode.commands.executeCommand('setContext', 'northflank.serviceLinked', groups.length > 0);
    void vscode.commands.executeCommand('setContext', 'northflank.apiUnreachable', apiUnreachable(groups));
  };
  setContexts();
  return [
    tree,
    view,
    logs,
    vscode.workspace.registerTextDocumentContentProvider(LOG_SCHEME, logs),
    ...registerBuildsFollowUp(deps),
    view.onDidChangeVisibility(visibility),
    vscode.window.onDidChangeWindowState(visibility),
    deps.builds.onDidChange(setContexts),
    deps.links.onDidChange(() => {
      setContexts();
      void deps.builds.refresh();
    }),
    registerCommand('northflank.refreshBuilds', () => deps.builds.refresh()),
    registerCommand('northflank.builds.loadMore', (ref: BuildableRef) => deps.builds.loadMore(ref)),
    registerCommand('northflank.builds.reveal', async (ref: BuildableRef, buildId: string) => {
      const node = tree.nodeFor(ref, buildId);
      if (node) await view.reveal(node, { select: true, focus: true });
    }),
  ];
}
