import * as vscode from 'vscode';
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
    const text = batch.map((c) => `${this.name(c.ref)} ${buildSourceLabel(c.build)} ${outcome(c.build)}`).join('; ');
    const actions = failed.length > 0 ? ['Show Logs of Failed', 'Show Builds'] : ['Show Builds'];
    const choice = await this.deps.prompter.notify(failed.length > 0 ? 'error' : 'information', `${batch.length} builds concluded: ${text}.`, ...actions);
    if (choice === 'Show Logs of Failed') for (const c of failed) await viewLogs(this.deps, c.ref, c.build.id);
    if (choice === 'Show Builds') await vscode.commands.executeCommand('northflank.builds.focus');
  }

  private async announceOne(ref: BuildableRef, build: Build): Promise<void> {
    const phase = buildPhase(build);
    // An abort is usually what someone asked for: not an error.
    const severity = phase === 'succeeded' ? 'information' : phase === 'aborted' ? 'warning' : 'error';
    const choice = await this.deps.prompter.notify(severity, `Build of ${this.name(ref)} ${buildSourceLabel(build)} ${outcome(build)}.`, 'Show Logs', 'Open in Northflank');
    if (choice === 'Show Logs') await viewLogs(this.deps, ref, build.id);
    if (choice === 'Open in Northflank') await openInNorthflank(this.deps, ref);
  }

  private name(ref: BuildableRef): string {
    return this.deps.links.find(ref)?.link.name ?? ('jobId' in ref ? ref.jobId : ref.serviceId);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}

function outcome(build: Build): string {
  const phase = buildPhase(build);
  return phase === 'succeeded' ? 'succeeded' : phase === 'aborted' ? 'was aborted' : 'failed';
}
