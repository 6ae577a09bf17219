import { isConcluded } from '../../northflank/buildStatus';
import * as vscode from 'vscode';
import { buildableKey, parseBuildableKey, sameBuildable } from '../../northflank/buildableRef';
import type { BuildableRef, LogLine } from '../../northflank/types';
import type { Connection } from '../connection';
import type { BuildStore } from './buildStore';

export const LOG_SCHEME = 'northflank-build-log';
const LINE_LIMIT = 5000;

interface OpenLog {
  lines: string[];
  /** Every line shown, so a tail that reopens and replays its recent lines adds none twice. */
  shown: Set<string>;
  following?: vscode.Disposable;
}

/**
 * Read-only documents holding a build's log: the range query once, then, while the build runs, the
 * lines of the live tail the watcher already keeps on it. One tail a build, and an open log costs
 * no polling. Without that tail (the build concluded, or tails do not work here) the log stays as read.
 */
export class BuildLogDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly open = new Map<string, OpenLog>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly connection: Connection,
    private readonly store: BuildStore,
  ) {
    this.subscriptions = [
      vscode.workspace.onDidCloseTextDocument((doc) => {
        if (doc.uri.scheme !== LOG_SCHEME) return;
        this.open.get(doc.uri.toString())?.following?.dispose();
        this.open.delete(doc.uri.toString());
      }),
    ];
  }

  static uriFor(ref: BuildableRef, buildId: string): vscode.Uri {
    return vscode.Uri.from({ scheme: LOG_SCHEME, path: `/${buildableKey(ref)}/${buildId}.log` });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const key = uri.toString();
    const known = this.open.get(key);
    if (known) return text(known);
    const { ref, buildId } = parse(uri);
    const entry: OpenLog = { lines: [], shown: new Set() };
    // Subscribed before the range query, so lines that come while it runs are kept, not lost.
    let early: LogLine[][] | undefined = [];
    const shownBuild = this.store.find(ref, buildId);
    if (!shownBuild || !isConcluded(shownBuild)) {
      entry.following = this.store.onDidReceiveLines((batch) => {
        if (batch.buildId !== buildId || !sameBuildable(batch.ref, ref)) return;
        if (early) early.push(batch.lines);
        else if (add(entry, batch.lines)) this.changed.fire(uri);
      });
    }
    let lines: LogLine[];
    try {
      lines = await this.connection.api().getBuildLogs(ref, { buildId, lineLimit: LINE_LIMIT, direction: 'forward' });
    } catch (error) {
      entry.following?.dispose();
      throw error;
    }
    entry.lines = lines.map(format);
    entry.shown = new Set(entry.lines);
    for (const batch of early) add(entry, batch);
    early = undefined;
    this.open.set(key, entry);
    return text(entry);
  }

  dispose(): void {
    for (const entry of this.open.values()) entry.following?.dispose();
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}

/** Reads back a URI made by `uriFor`: `/{buildableKey}/{buildId}.log`. */
function parse(uri: vscode.Uri): { ref: BuildableRef; buildId: string } {
  const match = /^\/(.+)\/([^/]+)\.log$/.exec(uri.path);
  const ref = match ? parseBuildableKey(match[1]) : undefined;
  if (!match || !ref) throw new Error(`Not a Northflank build log: ${uri.toString()}`);
  return { ref, buildId: match[2] };
}

/** Adds the lines of a batch that earlier ones have not shown (a reopened tail replays), and says whether there were any. */
function add(entry: OpenLog, lines: LogLine[]): boolean {
  const fresh = lines.map(format).filter((line) => !entry.shown.has(line));
  for (const line of fresh) entry.shown.add(line);
  entry.lines.push(...fresh);
  return fresh.length > 0;
}

function text(entry: OpenLog): string {
  return entry.lines.length > 0 ? entry.lines.join('\n') : '(no log lines yet)';
}

/** Northflank sends each line with the container runtime's framing (`stdout F <text>`), which says nothing to a person. */
const RUNTIME_FRAMING = /^(?:stdout|stderr) [FP] /;

function format(line: LogLine): string {
  return `${line.ts} ${line.log.replace(RUNTIME_FRAMING, '')}`.trimEnd();
}
