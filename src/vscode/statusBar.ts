import * as vscode from 'vscode';
import { buildPhase, buildSourceLabel } from '../northflank/buildStatus';
import { PHASE_CODICON } from './builds/phaseIcons';
import { relativeTime } from '../northflank/relativeTime';
import type { Build } from '../northflank/types';
import type { Deps } from './deps';

/**
 * Shown while the workspace holds a git repository. Its text names the linked
 * service (or invites linking one), its icon follows the latest build, and a
 * click starts a build.
 */
export class BuildStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('northflank.status', vscode.StatusBarAlignment.Left, 50);
  private readonly subscriptions: vscode.Disposable[] = [];
  private hasRepository = false;

  constructor(private readonly deps: Deps) {
    this.item.name = 'Northflank Build';
    this.item.command = 'northflank.startBuild';
    // `git init` (or deleting .git) in an open folder changes the answer without any folder change.
    const gitEntries = vscode.workspace.createFileSystemWatcher('**/.git', false, true, false);
    this.subscriptions.push(
      gitEntries,
      gitEntries.onDidCreate(() => void this.detectRepository()),
      gitEntries.onDidDelete(() => void this.detectRepository()),
      deps.links.onDidChange(() => this.render()),
      deps.builds.onDidChange(() => this.render()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.detectRepository()),
    );
  }

  /** Looks for `.git` with a file-system stat: git itself never runs at activation. */
  async detectRepository(): Promise<void> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const found = await Promise.all(
      folders.map((folder) =>
        vscode.workspace.fs.stat(vscode.Uri.joinPath(folder.uri, '.git')).then(
          () => true,
          () => false,
        ),
      ),
    );
    this.hasRepository = found.some(Boolean);
    void vscode.commands.executeCommand('setContext', 'northflank.hasRepository', this.hasRepository);
    this.render();
  }

  private render(): void {
    if (!this.hasRepository) {
      this.item.hide();
      return;
    }
    const linked = this.deps.links.all()[0];
    if (!linked) {
      this.item.text = '$(cloud-upload) Northflank: link a service';
      this.item.tooltip = 'Start a Northflank build. You will be asked which service to build first.';
      this.item.show();
      return;
    }
    const latest = this.deps.builds.latest(linked.link);
    const icon = latest ? `$(${PHASE_CODICON[buildPhase(latest)]})` : '$(cloud-upload)';
    this.item.text = `${icon} ${linked.link.serviceName}`;
    this.item.tooltip = tooltip(linked.link.serviceName, latest);
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

function tooltip(serviceName: string, latest: Build | undefined): vscode.MarkdownString {
  const text = new vscode.MarkdownString(`**Northflank: ${serviceName}**\n\n`);
  if (latest) {
    const phase = buildPhase(latest);
    text.appendMarkdown(`Last build \`${latest.id}\` · ${buildSourceLabel(latest)} · ${latest.status ?? phase} · ${relativeTime(latest.createdAt)}\n\n`);
  } else {
    text.appendMarkdown('No build started from this window yet.\n\n');
  }
  text.appendMarkdown('Click to start a build.');
  return text;
}
