import * as vscode from 'vscode';
import { isConcluded, buildDuration, buildPhase, buildSourceLabel, isConcludedStatus, statusInWords } from '../../northflank/buildStatus';
import { buildableKey } from '../../northflank/buildableRef';
import { phaseIcon } from './phaseIcons';
import { relativeTime } from '../../northflank/relativeTime';
import type { Build, BuildableRef, StartBuildBody } from '../../northflank/types';
import type { LinkBuilds } from './buildStore';
import { KIND_WORDS } from '../links/buildableLink';

export type BuildsNode = LinkNode | BuildNode | LoadMoreNode | MessageNode;

/** A linked service or job: the group its builds are listed under. */
export class LinkNode extends vscode.TreeItem {
  constructor(
    readonly entry: LinkBuilds,
    ciOn: boolean | undefined,
  ) {
    const { link } = entry;
    super(link.name, vscode.TreeItemCollapsibleState.Expanded);
    this.id = `link:${buildableKey(link)}`;
    const latest = entry.builds[0];
    // A build still running says more than a newer one that has ended (the status bar counts it too).
    const shown = entry.builds.find((build) => !isConcluded(build)) ?? latest;
    const kind = link.kind ? KIND_WORDS[link.kind] : 'service';
    this.description = [kind, ciOn === undefined ? undefined : ciOn ? 'CI on' : 'CI off', link.origin === 'settings' ? 'shared' : undefined].filter(Boolean).join(' · ');
    this.iconPath = shown ? phaseIcon(buildPhase(shown)) : entry.listedStatus ? phaseIcon(buildPhase({ status: entry.listedStatus, concluded: isConcludedStatus(entry.listedStatus) })) : new vscode.ThemeIcon(link.kind === 'job' ? 'run-all' : 'server-process');
    this.contextValue = `link.${link.kind === 'job' ? 'job' : 'service'}.${link.origin}`;
    const latestText = latest ? `\n\nLatest build: ${buildSourceLabel(latest)}, ${statusInWords(latest).toLowerCase()}` : '';
    this.tooltip = `${link.name} (${'jobId' in link ? `job ${link.jobId}` : `${kind} ${link.serviceId}`}) in project ${link.projectId}${link.origin === 'settings' ? '\nLinked in .vscode/settings.json' : ''}${latestText}`;
    // The builds below are the last ones loaded: say so rather than pass them off as current.
    if (entry.error && entry.builds.length > 0) {
      this.description = `could not refresh · ${this.description as string}`;
      this.iconPath = new vscode.ThemeIcon('warning');
      this.tooltip += `\n\nCould not refresh the builds: ${entry.error.message}`;
    }
  }
}

export class BuildNode extends vscode.TreeItem {
  constructor(
    readonly ref: BuildableRef,
    readonly build: Build,
    sent?: StartBuildBody,
    now = Date.now(),
  ) {
    super(buildSourceLabel(build), vscode.TreeItemCollapsibleState.None);
    const phase = buildPhase(build);
    this.id = `build:${buildableKey(ref)}:${build.id}`;
    const docker = sent?.overrides?.docker;
    // The whole path: in a monorepo most Dockerfiles are just called Dockerfile.
    const dockerfile = docker?.dockerFilePath ? `${docker.dockerFilePath}${docker.dockerfileTarget ? `:${docker.dockerfileTarget}` : ''}` : undefined;
    this.description = [statusInWords(build), buildDuration(build, now), dockerfile, relativeTime(build.createdAt, now)].filter(Boolean).join(' · ');
    this.iconPath = phaseIcon(phase);
    this.contextValue = `build.${isConcluded(build) ? 'concluded' : 'running'}${build.sha ? '.sha' : ''}`;
    this.tooltip = buildTooltip(build, docker);
    // Notifications name builds by id, and a screen reader would otherwise read the codicon's name for the status.
    this.accessibilityInformation = { label: `Build ${build.id}, ${this.label as string}, ${this.description}` };
    this.command = { command: 'northflank.build.viewLogs', title: 'View Logs', arguments: [this] };
  }
}

export class LoadMoreNode extends vscode.TreeItem {
  constructor(readonly ref: BuildableRef) {
    super('Load more…', vscode.TreeItemCollapsibleState.None);
    this.id = `more:${buildableKey(ref)}`;
    this.command = { command: 'northflank.builds.loadMore', title: 'Load More Builds', arguments: [ref] };
  }
}

export class MessageNode extends vscode.TreeItem {
  constructor(id: string, label: string, icon: string, command?: vscode.Command) {
    super(label, vscode.TreeItemCollapsibleState.None);
    this.id = id;
    this.iconPath = new vscode.ThemeIcon(icon);
    this.command = command;
    this.tooltip = label;
  }
}

function buildTooltip(build: Build, docker: { dockerFilePath?: string; dockerWorkDir?: string; dockerfileTarget?: string } | undefined): vscode.MarkdownString {
  const rows: Array<[string, string | undefined]> = [
    ['Build', build.id],
    ['Status', build.status ? `${statusInWords(build)} (${build.status})` : statusInWords(build)],
    ['Branch', build.branch],
    ['Pull request', build.pullRequestId != null ? `#${build.pullRequestId}` : undefined],
    ['SHA', build.sha],
    ['Dockerfile', docker?.dockerFilePath],
    ['Context', docker?.dockerWorkDir],
    ['Target', docker?.dockerfileTarget],
    ['Duration', buildDuration(build)],
    ['Created', build.createdAt ? new Date(build.createdAt).toLocaleString() : undefined],
    ['Concluded', build.buildConcludedAt ? new Date(build.buildConcludedAt * 1000).toLocaleString() : undefined],
    ['Message', build.message ?? undefined],
  ];
  const text = new vscode.MarkdownString();
  for (const [name, value] of rows) if (value) text.appendMarkdown(`**${name}:** `).appendText(value).appendMarkdown('  \n');
  return text;
}
