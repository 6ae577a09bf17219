import * as vscode from 'vscode';
import { buildPhase, buildSourceLabel } from '../../northflank/buildStatus';
import { phaseIcon } from './phaseIcons';
import { relativeTime } from '../../northflank/relativeTime';
import type { Build, ServiceRef } from '../../northflank/types';
import type { ServiceBuilds } from './buildStore';

export type BuildsNode = ServiceNode | BuildNode | LoadMoreNode | MessageNode;

export class ServiceNode extends vscode.TreeItem {
  constructor(readonly entry: ServiceBuilds) {
    super(entry.link.serviceName, vscode.TreeItemCollapsibleState.Expanded);
    this.id = `service:${refKey(entry.link)}`;
    this.description = `${entry.link.serviceType} · ${entry.link.projectId}`;
    this.iconPath = new vscode.ThemeIcon('server-process');
    this.contextValue = 'service';
    this.tooltip = `${entry.link.serviceName} (${entry.link.serviceId}) in project ${entry.link.projectId}`;
    // The builds below are the last ones loaded: say so rather than pass them off as current.
    if (entry.error && entry.builds.length > 0) {
      this.description = `could not refresh · ${this.description}`;
      this.iconPath = new vscode.ThemeIcon('warning');
      this.tooltip += `\n\nCould not refresh the builds: ${entry.error.message}`;
    }
  }
}

export class BuildNode extends vscode.TreeItem {
  constructor(
    readonly ref: ServiceRef,
    readonly build: Build,
    now = Date.now(),
  ) {
    super(buildSourceLabel(build), vscode.TreeItemCollapsibleState.None);
    const phase = buildPhase(build);
    this.id = `build:${refKey(ref)}:${build.id}`;
    this.description = [build.status ?? phase, relativeTime(build.createdAt, now)].filter(Boolean).join(' · ');
    this.iconPath = phaseIcon(phase);
    this.contextValue = `build.${build.concluded === true ? 'concluded' : 'running'}${build.sha ? '.sha' : ''}`;
    this.tooltip = buildTooltip(build);
    // Notifications name builds by id, and a screen reader would otherwise read the codicon's name for the status.
    this.accessibilityInformation = { label: `Build ${build.id}, ${this.label as string}, ${this.description}` };
    this.command = { command: 'northflank.build.viewLogs', title: 'View Logs', arguments: [this] };
  }
}

export class LoadMoreNode extends vscode.TreeItem {
  constructor(readonly ref: ServiceRef) {
    super('Load more…', vscode.TreeItemCollapsibleState.None);
    this.id = `more:${refKey(ref)}`;
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

function buildTooltip(build: Build): vscode.MarkdownString {
  const rows: Array<[string, string | undefined]> = [
    ['Build', build.id],
    ['Status', build.status],
    ['Branch', build.branch],
    ['Pull request', build.pullRequestId != null ? `#${build.pullRequestId}` : undefined],
    ['SHA', build.sha],
    ['Created', build.createdAt ? new Date(build.createdAt).toLocaleString() : undefined],
    ['Concluded', build.buildConcludedAt ? new Date(build.buildConcludedAt * 1000).toLocaleString() : undefined],
    ['Message', build.message ?? undefined],
  ];
  const text = new vscode.MarkdownString();
  for (const [name, value] of rows) if (value) text.appendMarkdown(`**${name}:** `).appendText(value).appendMarkdown('  \n');
  return text;
}

export function refKey(ref: ServiceRef): string {
  return `${ref.projectId}/${ref.serviceId}`;
}
