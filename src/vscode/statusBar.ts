import vscode = require('vscode');
import { isConcluded, buildPhase, buildSourceLabel, isConcludedStatus, statusInWords } from '../northflank/buildStatus';
import { PHASE_CODICON } from './builds/phaseIcons';
import { relativeTime } from '../northflank/relativeTime';
import type { LinkBuilds } from './builds/buildStore';
import { clickHint, runningBuilds } from './builds/runningBuilds';
import type { Deps } from './deps';

/**
 * Shown while the workspace holds a git repository. With one link it names it and follows its latest
 * build; with several it sums them up (building, failed, all good). It says when the API can't be
 * reached. A click starts a build, or while builds of its links run, offers their logs and abort
 * (see runningBuilds.ts).
 */
export class BuildStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('northflank.status', vscode.StatusBarAlignment.Left, 50);
  private readonly subscriptions: vscode.Disposable[] = [];
  private hasRepository = false;
  /** Until the accounts are read, nothing is named: a signed-out window must not show an old link. */
  private signedIn: boolean | undefined;

  constructor(private readonly deps: Deps) {
    this.item.name = vscode.l10n.t('Northflank Build');
    this.item.command = 'northflank.statusBarClick';
    // `git init` (or deleting .git) in an open folder changes the answer without any folder change.
    const gitEntries = vscode.workspace.createFileSystemWatcher('**/.git', false, true, false);
    this.subscriptions.push(
      gitEntries,
      gitEntries.onDidCreate(() => void this.detectRepository()),
      gitEntries.onDidDelete(() => void this.detectRepository()),
      deps.links.onDidChange(() => this.render()),
      deps.builds.onDidChange(() => this.render()),
      deps.catalog.onDidChange(() => this.render()),
      deps.accounts.onDidChange(() => void this.detectSignIn()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.detectRepository()),
    );
  }

  async detectSignIn(): Promise<void> {
    this.signedIn = await this.deps.accounts.has();
    this.render();
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
    if (!this.hasRepository || this.signedIn === undefined) {
      this.item.hide();
      return;
    }
    if (!this.signedIn) {
      // Before any token, and after signing out, the one thing to do is sign in: no old service is named.
      this.item.text = vscode.l10n.t('$(account) Northflank: sign in');
      this.item.tooltip = vscode.l10n.t('Sign in to Northflank with an API token to start and watch builds.');
      this.item.backgroundColor = undefined;
      this.item.command = 'northflank.setToken';
      this.item.show();
      return;
    }
    this.item.command = 'northflank.statusBarClick';
    const groups = this.deps.builds.groups();
    const unreachable = this.deps.builds.unreachable;
    // The tooltip's last line says what a click does, from the same list the click reads.
    const hint = clickHint(runningBuilds(groups), unreachable !== undefined);
    this.item.backgroundColor = unreachable ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    if (unreachable) {
      // A server error is an answer: the connection is fine, Northflank is not.
      const serverError = unreachable.kind === 'server';
      this.item.text = serverError ? vscode.l10n.t('$(warning) Northflank: server error') : vscode.l10n.t('$(cloud-offline) Northflank: offline');
      const headline = serverError ? vscode.l10n.t('Northflank answers with server errors') : vscode.l10n.t("Northflank can't be reached");
      this.item.tooltip = new vscode.MarkdownString('**').appendText(headline).appendMarkdown('**\n\n').appendText(unreachable.message).appendMarkdown('\n\n').appendText(hint);
    } else if (groups.length === 0) {
      this.item.text = vscode.l10n.t('$(cloud-upload) Northflank: link services');
      this.item.tooltip = vscode.l10n.t('Start a Northflank build. You will be asked which services and jobs this repository builds first.');
    } else {
      const summary = summarize(groups);
      this.item.text = `$(${summary.icon}) ${summary.text}`;
      this.item.tooltip = tooltip(groups, hint);
    }
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

type State = 'running' | 'failed' | 'ok' | 'unknown';

function stateOf(group: LinkBuilds): State {
  const latest = group.builds[0];
  if (group.builds.some((b) => !isConcluded(b))) return 'running';
  if (!latest && group.listedStatus) return isConcludedStatus(group.listedStatus) ? (group.listedStatus === 'SUCCESS' ? 'ok' : 'failed') : 'running';
  if (!latest) return 'unknown';
  const phase = buildPhase(latest);
  return phase === 'failed' ? 'failed' : 'ok';
}

/** One link: its name and latest build. Several: what needs attention first, running then failed. */
function summarize(groups: LinkBuilds[]): { icon: string; text: string } {
  if (groups.length === 1) {
    const latest = groups[0].builds[0];
    return { icon: latest ? PHASE_CODICON[buildPhase(latest)] : 'cloud-upload', text: groups[0].link.name };
  }
  const running = groups.filter((g) => stateOf(g) === 'running');
  const failed = groups.filter((g) => stateOf(g) === 'failed');
  if (running.length > 0) return { icon: PHASE_CODICON.running, text: running.length === 1 ? vscode.l10n.t('{0} building', running[0].link.name) : vscode.l10n.t('{0} building', running.length) };
  if (failed.length > 0) return { icon: PHASE_CODICON.failed, text: failed.length === 1 ? vscode.l10n.t('{0} failed', failed[0].link.name) : vscode.l10n.t('{0} failed', failed.length) };
  const ok = groups.filter((g) => stateOf(g) === 'ok').length;
  return { icon: ok === groups.length ? PHASE_CODICON.succeeded : 'cloud-upload', text: vscode.l10n.t('Northflank: {0} linked', groups.length) };
}

function tooltip(groups: LinkBuilds[], hint: string): vscode.MarkdownString {
  const text = new vscode.MarkdownString('**Northflank**\n\n');
  for (const group of groups) {
    const latest = group.builds[0];
    const line = latest ? `${buildSourceLabel(latest)} · ${statusInWords(latest)} · ${relativeTime(latest.createdAt)}` : group.listedStatus ? statusInWords({ status: group.listedStatus, concluded: isConcludedStatus(group.listedStatus) }) : vscode.l10n.t('no builds seen yet');
    text.appendMarkdown(`- **`).appendText(group.link.name).appendMarkdown(`**: `).appendText(line).appendMarkdown('\n');
  }
  text.appendMarkdown('\n').appendText(hint);
  return text;
}

/** The status bar item, shown once it knows whether there is a repository and whether anyone is signed in. */
export function startStatusBar(deps: Deps): vscode.Disposable {
  const statusBar = new BuildStatusBar(deps);
  void statusBar.detectRepository();
  void statusBar.detectSignIn();
  return statusBar;
}
