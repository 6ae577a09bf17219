import * as vscode from 'vscode';
import { buildPhase } from '../../northflank/buildStatus';
import type { Build, ServiceRef } from '../../northflank/types';
import { notifyOnConclusion } from '../configuration';
import type { Deps } from '../deps';
import { BuildLogDocuments, LOG_SCHEME } from './buildLogDocuments';
import { openInNorthflank, viewLogs } from './buildActions';
import { apiUnreachable, BuildsTreeProvider } from './buildsTreeProvider';

/** The Builds view, its commands, and the notification when a watched build concludes. */
export function registerBuildsView(deps: Deps): vscode.Disposable[] {
  const tree = new BuildsTreeProvider(deps.builds, deps.tokens);
  deps.buildsTree = tree;
  const view = vscode.window.createTreeView('northflank.builds', { treeDataProvider: tree, showCollapseAll: false });
  const logs = new BuildLogDocuments(deps.connection, deps.builds);
  const visibility = () => deps.builds.setVisibility({ focused: vscode.window.state.focused, viewVisible: view.visible });
  const setContexts = () => {
    const services = deps.builds.services();
    void vscode.commands.executeCommand('setContext', 'northflank.serviceLinked', services.length > 0);
    void vscode.commands.executeCommand('setContext', 'northflank.apiUnreachable', apiUnreachable(services));
  };
  setContexts();
  return [
    tree,
    view,
    logs,
    vscode.workspace.registerTextDocumentContentProvider(LOG_SCHEME, logs),
    view.onDidChangeVisibility(visibility),
    vscode.window.onDidChangeWindowState(visibility),
    deps.builds.onDidChange(setContexts),
    deps.links.onDidChange(() => {
      setContexts();
      void deps.builds.refresh();
    }),
    deps.builds.onDidConclude(({ ref, build }) => void announceConclusion(deps, ref, build)),
    vscode.commands.registerCommand('northflank.refreshBuilds', () => deps.builds.refresh()),
    vscode.commands.registerCommand('northflank.builds.loadMore', (ref: ServiceRef) => deps.builds.loadMore(ref)),
    vscode.commands.registerCommand('northflank.builds.reveal', async (ref: ServiceRef, buildId: string) => {
      const node = tree.nodeFor(ref, buildId);
      if (node) await view.reveal(node, { select: true, focus: true });
    }),
  ];
}

async function announceConclusion(deps: Deps, ref: ServiceRef, build: Build): Promise<void> {
  if (!notifyOnConclusion()) return;
  const phase = buildPhase(build);
  const outcome = phase === 'succeeded' ? 'succeeded' : phase === 'aborted' ? 'was aborted' : 'failed';
  // An abort is usually what the person asked for: not an error.
  const show = phase === 'succeeded' ? vscode.window.showInformationMessage : phase === 'aborted' ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
  const choice = await show(`Build ${build.id} ${outcome}.`, 'Show Logs', 'Open in Northflank');
  if (choice === 'Show Logs') await viewLogs(ref, build.id);
  if (choice === 'Open in Northflank') await openInNorthflank(deps, ref);
}
