import { isConcluded } from '../../northflank/buildStatus';
import * as vscode from 'vscode';
import { openBuildLogTail, type LogTail } from '../../northflank/logTail';
import { buildableKey, parseBuildableKey } from '../../northflank/buildableRef';
import type { BuildableRef, LogLine } from '../../northflank/types';
import { apiUrl } from '../configuration';
import type { Connection } from '../connection';
import type { BuildStore } from './buildStore';

export const LOG_SCHEME = 'northflank-build-log';
const LINE_LIMIT = 5000;

interface OpenLog {
  lines: string[];
  tail?: LogTail;
}

/**
 * Read-only documents holding a build's log: the range query once, then the
 * live tail appends while the build runs, so an open log costs no polling.
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
        this.open.get(doc.uri.toString())?.tail?.close();
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
    if (known) return known.lines.join('\n');
    const { ref, buildId } = parse(uri);
    const lines = await this.connection.api().getBuildLogs(ref, { buildId, lineLimit: LINE_LIMIT, direction: 'forward' });
    const entry: OpenLog = { lines: lines.map(format) };
    this.open.set(key, entry);
    const shown = this.store.find(ref, buildId);
    if (!shown || !isConcluded(shown)) this.follow(uri, entry, ref, buildId, lines.length);
    return entry.lines.length > 0 ? entry.lines.join('\n') : '(no log lines yet)';
  }

  private follow(uri: vscode.Uri, entry: OpenLog, ref: BuildableRef, buildId: string, alreadyShown: number): void {
    let replay = alreadyShown > 0;
    entry.tail = openBuildLogTail({ baseUrl: apiUrl(), token: () => this.connection.tokens.get() }, ref, { buildId }, {
      onLines: (lines) => {
        // The tail first replays recent lines the range query already returned.
        const fresh = replay ? lines.map(format).filter((line) => !entry.lines.includes(line)) : lines.map(format);
        replay = false;
        if (fresh.length === 0) return;
        entry.lines.push(...fresh);
        this.changed.fire(uri);
      },
      onClose: () => (entry.tail = undefined),
    });
  }

  dispose(): void {
    for (const entry of this.open.values()) entry.tail?.close();
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}

function parse(uri: vscode.Uri): { ref: BuildableRef; buildId: string } {
  const [projectId, parent, id, file] = uri.path.split('/').filter(Boolean);
  const ref = parseBuildableKey(`${projectId}/${parent}/${id}`);
  if (!ref || !file) throw new Error(`Not a Northflank build log: ${uri.toString()}`);
  return { ref, buildId: file.replace(/\.log$/, '') };
}

/** Northflank sends each line with the container runtime's framing (`stdout F <text>`), which says nothing to a person. */
const RUNTIME_FRAMING = /^(?:stdout|stderr) [FP] /;

function format(line: LogLine): string {
  return `${line.ts} ${line.log.replace(RUNTIME_FRAMING, '')}`.trimEnd();
}
