import vscode = require('vscode');
import { buildPhase, buildSourceLabel } from '../../northflank/buildStatus';
import type { Build, BuildableRef } from '../../northflank/types';
import { notifyOnConclusion } from '../configuration';
import type { Deps } from '../deps';
import type { Conclusion } from './buildStore';
import { openInNorthflank, viewLogs } from './buildActions';

/** Builds that end this close together are announced together. */
const GATHER_MS = 1500;

/**
 * One notification per batch of conclusions: CI often finishes several services at once, and a toast each
 * would bury the one that failed. A build this person aborted here is not news to them.
 */
export class ConclusionAnnouncer implements vscode.Disposable {
  private pending: Conclusion[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: Deps) {}

  add(conclusion: Conclusion): void {
    if (conclusion.abortedHere || !notifyOnConclusion()) return;
    this.pending.push(conclusion);
    this.timer ??= setTimeout(() => void this.flush(), GATHER_MS);
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.timer = undefined;
    if (batch.length === 1) return this.announceOne(batch[0].ref, batch[0].build);
    const failed = batch.filter((c) => buildPhase(c.build) === 'failed');
    const text = batch.map((c) => outcome(c.build, this.name(c.ref), buildSourceLabel(c.build))).join(vscode.l10n.t('; '));
    const showFailed = vscode.l10n.t('Show Logs of Failed');
    const showBuilds = vscode.l10n.t('Show Builds');
    const actions = failed.length > 0 ? [showFailed, showBuilds] : [showBuilds];
    const choice = await this.deps.prompter.notify(failed.length > 0 ? 'error' : 'information', vscode.l10n.t('{0} builds concluded: {1}.', batch.length, text), ...actions);
    if (choice === showFailed) for (const c of failed) await viewLogs(this.deps, c.ref, c.build.id);
    if (choice === showBuilds) await vscode.commands.executeCommand('northflank.builds.focus');
  }

  private async announceOne(ref: BuildableRef, build: Build): Promise<void> {
    const phase = buildPhase(build);
    // An abort is usually what someone asked for: not an error.
    const severity = phase === 'succeeded' ? 'information' : phase === 'aborted' ? 'warning' : 'error';
    const showLogs = vscode.l10n.t('Show Logs');
    const openInNorthflankAction = vscode.l10n.t('Open in Northflank');
    const [name, source] = [this.name(ref), buildSourceLabel(build)];
    const message =
      phase === 'succeeded'
        ? vscode.l10n.t('Build of {0} {1} succeeded.', name, source)
        : phase === 'aborted'
          ? vscode.l10n.t('Build of {0} {1} was aborted.', name, source)
          : vscode.l10n.t('Build of {0} {1} failed.', name, source);
    const choice = await this.deps.prompter.notify(severity, message, showLogs, openInNorthflankAction);
    if (choice === showLogs) await viewLogs(this.deps, ref, build.id);
    if (choice === openInNorthflankAction) await openInNorthflank(this.deps, ref);
  }

  private name(ref: BuildableRef): string {
    return this.deps.links.find(ref)?.link.name ?? ('jobId' in ref ? ref.jobId : ref.serviceId);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}

/** `api main succeeded`: what became of one build, named by its service or job and its source. */
function outcome(build: Build, name: string, source: string): string {
  const phase = buildPhase(build);
  if (phase === 'succeeded') return vscode.l10n.t('{0} {1} succeeded', name, source);
  if (phase === 'aborted') return vscode.l10n.t('{0} {1} was aborted', name, source);
  return vscode.l10n.t('{0} {1} failed', name, source);
}
