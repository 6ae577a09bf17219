import vscode = require('vscode');
import { isConcluded, buildDuration, buildPhase, buildSourceLabel, isConcludedStatus, statusInWords } from '../../northflank/buildStatus';
import { buildableKey } from '../../northflank/buildableRef';
import { phaseIcon } from './phaseIcons';
import { relativeTime } from '../../northflank/relativeTime';
import type { Build, BuildableRef, StartBuildBody } from '../../northflank/types';
import type { LinkBuilds } from './buildStore';
import { kindInWords } from '../links/buildableLink';

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
    const kind = link.kind ? kindInWords(link.kind) : vscode.l10n.t('service');
    const ci = ciOn === undefined ? undefined : ciOn ? vscode.l10n.t('CI on') : vscode.l10n.t('CI off');
    this.description = [kind, ci, link.origin === 'settings' ? vscode.l10n.t('shared') : undefined].filter(Boolean).join(' · ');
    this.iconPath = shown ? phaseIcon(buildPhase(shown)) : entry.listedStatus ? phaseIcon(buildPhase({ status: entry.listedStatus, concluded: isConcludedStatus(entry.listedStatus) })) : new vscode.ThemeIcon(link.kind === 'job' ? 'run-all' : 'server-process');
    this.contextValue = `link.${link.kind === 'job' ? 'job' : 'service'}.${link.origin}`;
    const what = 'jobId' in link ? vscode.l10n.t('job {0}', link.jobId) : vscode.l10n.t('{0} {1}', kind, link.serviceId);
    const tooltip = [vscode.l10n.t('{0} ({1}) in project {2}', link.name, what, link.projectId)];
    if (link.origin === 'settings') tooltip.push(vscode.l10n.t('Linked in .vscode/settings.json'));
    if (latest) tooltip.push('', vscode.l10n.t('Latest build: {0}, {1}', buildSourceLabel(latest), statusInWords(latest).toLowerCase()));
    this.tooltip = tooltip.join('\n');
    // The builds below are the last ones loaded: say so rather than pass them off as current.
    if (entry.error && entry.builds.length > 0) {
      this.description = [vscode.l10n.t('could not refresh'), this.description].join(' · ');
      this.iconPath = new vscode.ThemeIcon('warning');
      this.tooltip += '\n\n' + vscode.l10n.t('Could not refresh the builds: {0}', entry.error.message);
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
    this.accessibilityInformation = { label: vscode.l10n.t('Build {0}, {1}, {2}', build.id, this.label as string, this.description) };
    this.command = { command: 'northflank.build.viewLogs', title: vscode.l10n.t('View Logs'), arguments: [this] };
  }
}

export class LoadMoreNode extends vscode.TreeItem {
  constructor(readonly ref: BuildableRef) {
    super(vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
    this.id = `more:${buildableKey(ref)}`;
    this.command = { command: 'northflank.builds.loadMore', title: vscode.l10n.t('Load More Builds'), arguments: [ref] };
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
    [vscode.l10n.t('Build'), build.id],
    [vscode.l10n.t('Status'), build.status ? `${statusInWords(build)} (${build.status})` : statusInWords(build)],
    [vscode.l10n.t('Branch'), build.branch],
    [vscode.l10n.t('Pull request'), build.pullRequestId != null ? `#${build.pullRequestId}` : undefined],
    [vscode.l10n.t('SHA'), build.sha],
    [vscode.l10n.t('Dockerfile'), docker?.dockerFilePath],
    [vscode.l10n.t('Context'), docker?.dockerWorkDir],
    [vscode.l10n.t('Target'), docker?.dockerfileTarget],
    [vscode.l10n.t('Duration'), buildDuration(build)],
    [vscode.l10n.t('Created'), build.createdAt ? new Date(build.createdAt).toLocaleString() : undefined],
    [vscode.l10n.t('Concluded'), build.buildConcludedAt ? new Date(build.buildConcludedAt * 1000).toLocaleString() : undefined],
    [vscode.l10n.t('Message'), build.message ?? undefined],
  ];
  const text = new vscode.MarkdownString();
  for (const [name, value] of rows) if (value) text.appendMarkdown(`**${vscode.l10n.t('{0}:', name)}** `).appendText(value).appendMarkdown('  \n');
  return text;
}
