import { isConcluded } from '../../northflank/buildStatus';
import vscode = require('vscode');
import { buildableKey, parseBuildableKey, sameBuildable } from '../../northflank/buildableRef';
import type { BuildableRef, LogLine } from '../../northflank/types';
import type { Connection } from '../connection';
import type { BuildStore } from './buildStore';
import { logTimestamps, affectsLogTimestamps } from '../configuration';
import { logMessage, renderLog } from '../../buildLog/logRendering';

export const LOG_SCHEME = 'northflank-build-log';
/** The language of the log documents: word wrap, step folds and file links hang on it. */
export const LOG_LANGUAGE = 'northflank-build-log';
const LINE_LIMIT = 5000;

interface OpenLog {
  /** As the API sent them: drawn again when the timestamp setting changes. */
  lines: LogLine[];
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
        const key = doc.uri.toString();
        // Giving the document its language closes and reopens it at once: only a log that stays closed is forgotten.
        setTimeout(() => {
          if (vscode.workspace.textDocuments.some((open) => open.uri.toString() === key)) return;
          this.open.get(key)?.following?.dispose();
          this.open.delete(key);
        }, 0);
      }),
      vscode.workspace.onDidOpenTextDocument((doc) => void withLogLanguage(doc)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!affectsLogTimestamps(event)) return;
        for (const key of this.open.keys()) this.changed.fire(vscode.Uri.parse(key));
      }),
    ];
  }

  /** Reads back a URI made by `uriFor`; undefined for any other. */
  static buildOf(uri: vscode.Uri): { ref: BuildableRef; buildId: string } | undefined {
    try {
      return uri.scheme === LOG_SCHEME ? parse(uri) : undefined;
    } catch {
      return undefined;
    }
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
    entry.lines = lines;
    entry.shown = new Set(lines.map(identity));
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
  const fresh = lines.filter((line) => !entry.shown.has(identity(line)));
  for (const line of fresh) entry.shown.add(identity(line));
  entry.lines.push(...fresh);
  return fresh.length > 0;
}

function identity(line: LogLine): string {
  return `${line.ts} ${logMessage(line)}`;
}

function text(entry: OpenLog): string {
  return entry.lines.length > 0 ? renderLog(entry.lines, logTimestamps()).join('\n') : vscode.l10n.t('(no log lines yet)');
}

const settingLanguage = new Map<string, Thenable<vscode.TextDocument>>();

/** A log document opened any way (View Logs, a restored editor) gets the log language, once. */
export async function withLogLanguage(document: vscode.TextDocument): Promise<vscode.TextDocument> {
  if (document.uri.scheme !== LOG_SCHEME || document.languageId === LOG_LANGUAGE) return document;
  const key = document.uri.toString();
  let pending = settingLanguage.get(key);
  if (!pending) {
    pending = vscode.languages.setTextDocumentLanguage(document, LOG_LANGUAGE);
    settingLanguage.set(key, pending);
  }
  try {
    return await pending;
  } finally {
    settingLanguage.delete(key);
  }
}
