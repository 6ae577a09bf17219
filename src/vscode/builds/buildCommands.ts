import vscode = require('vscode');
import { registerCommand } from '../commandRegistry';
import type { Deps } from '../deps';
import { showError } from '../errorPresenter';
import { abortBuild, openInNorthflank, rerun, unlink, viewLogs } from './buildActions';
import { LinkNode, type BuildNode } from './buildTreeItems';

/**
 * The commands on a build, and on a linked service or job, in the view; `contextValue` decides which a row offers.
 * What they do is in buildActions.ts.
 */
export function registerBuildActions(deps: Deps): vscode.Disposable[] {
  const on = (id: string, action: (node: BuildNode) => Promise<unknown> | unknown) =>
    registerCommand(id, async (node?: BuildNode) => {
      if (!node?.build) {
        void deps.prompter.notify('information', vscode.l10n.t('Northflank: run this from a build in the Builds view.'));
        return;
      }
      try {
        await action(node);
      } catch (error) {
        await showError(deps.prompter, error);
      }
    });
  return [
    on('northflank.build.viewLogs', (node) => viewLogs(deps, node.ref, node.build.id)),
    on('northflank.build.abort', (node) => abortBuild(deps, node.ref, node.build)),
    on('northflank.build.rerun', (node) => rerun(deps, node.ref, node.build)),
    on('northflank.build.copyId', async (node) => {
      await vscode.env.clipboard.writeText(node.build.id);
      void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied build ID {0}', node.build.id), 3000);
    }),
    on('northflank.build.copySha', async (node) => {
      if (!node.build.sha) return;
      await vscode.env.clipboard.writeText(node.build.sha);
      void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', node.build.sha.slice(0, 7)), 3000);
    }),
    // Also offered on a link's row, which has no build.
    registerCommand('northflank.build.openInNorthflank', async (node?: BuildNode | LinkNode) => {
      const ref = node instanceof LinkNode ? node.entry.link : node?.ref;
      if (ref) await openInNorthflank(deps, ref);
      else void deps.prompter.notify('information', vscode.l10n.t('Northflank: run this from the Builds view.'));
    }),
    registerCommand('northflank.unlink', async (node?: LinkNode) => {
      if (!(node instanceof LinkNode)) {
        void deps.prompter.notify('information', vscode.l10n.t('Northflank: run this from a linked service or job in the Builds view.'));
        return;
      }
      await unlink(deps, node);
    }),
  ];
}
