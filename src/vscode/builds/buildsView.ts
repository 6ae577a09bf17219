import vscode = require('vscode');
import type { Deps } from '../deps';
import { BuildDiagnostics } from './buildDiagnostics';
import { BuildLogDocuments, LOG_SCHEME } from './buildLogDocuments';
import { ConclusionAnnouncer } from './conclusionAnnouncer';
import { registerBuildLogLanguage } from './buildLogLanguage';
import { registerPushFollower } from './pushFollower';
import { registerReachabilityNotice } from './reachabilityNotice';
import { apiUnreachable, BuildsTreeProvider } from './buildsTreeProvider';
import type { BuildableRef } from '../../northflank/types';

/** The Builds view, its commands, and the notification when watched builds conclude. */
export function registerBuildsView(deps: Deps): vscode.Disposable[] {
  const tree = new BuildsTreeProvider(deps.builds, deps.accounts, deps.catalog);
  deps.buildsTree = tree;
  const view = vscode.window.createTreeView('northflank.builds', { treeDataProvider: tree, showCollapseAll: true });
  const logs = new BuildLogDocuments(deps.connection, deps.builds);
  const announcer = new ConclusionAnnouncer(deps);
  const diagnostics = new BuildDiagnostics(deps);
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
    announcer,
    diagnostics,
    registerReachabilityNotice(deps),
    registerPushFollower(deps),
    vscode.workspace.registerTextDocumentContentProvider(LOG_SCHEME, logs),
    ...registerBuildLogLanguage(deps),
    view.onDidChangeVisibility(visibility),
    vscode.window.onDidChangeWindowState(visibility),
    deps.builds.onDidChange(setContexts),
    deps.links.onDidChange(() => {
      setContexts();
      void deps.builds.refresh();
    }),
    deps.builds.onDidConclude((conclusion) => announcer.add(conclusion)),
    deps.builds.onDidConclude((conclusion) => diagnostics.add(conclusion)),
    vscode.commands.registerCommand('northflank.refreshBuilds', () => deps.builds.refresh()),
    vscode.commands.registerCommand('northflank.builds.loadMore', (ref: BuildableRef) => deps.builds.loadMore(ref)),
    vscode.commands.registerCommand('northflank.builds.reveal', async (ref: BuildableRef, buildId: string) => {
      const node = tree.nodeFor(ref, buildId);
      if (node) await view.reveal(node, { select: true, focus: true });
    }),
  ];
}
