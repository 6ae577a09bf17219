import vscode = require('vscode');
import { buildPhase } from '../../northflank/buildStatus';
import { findBuildFailure } from '../../buildLog/buildFailure';
import type { Build, BuildableRef } from '../../northflank/types';
import type { Deps } from '../deps';
import { log } from '../log';
import { BuildLogDocuments } from './buildLogDocuments';
import type { Conclusion } from './buildStore';

/** The failure is at the end of the log: the newest lines are enough, in one request. */
const LINE_LIMIT = 1000;
/** How far above the workspace folder the repository root may be (a folder opened inside a monorepo). */
const MAX_FOLDER_DEPTH = 8;

/**
 * Puts a failed build's error on the Dockerfile line its log names, in the Problems panel, linked to the
 * build's log; the next successful build of that Dockerfile clears it. Only builds watched to their end
 * in this window count, so each failure costs one log request and a restart reads nothing again.
 */
export class BuildDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('northflank');
  /** One conclusion at a time, so a success that comes while a failure's log is read still clears it. */
  private queue: Promise<void> = Promise.resolve();
  private readonly read = new Set<string>();

  constructor(private readonly deps: Pick<Deps, 'connection' | 'links' | 'catalog' | 'builds'>) {}

  add(conclusion: Conclusion): void {
    this.queue = this.queue.then(() => this.conclude(conclusion)).catch((error) => log().warn(`Could not show where build ${conclusion.build.id} failed: ${String(error)}`));
  }

  /** Resolves once the conclusions added so far have been handled. */
  settled(): Promise<void> {
    return this.queue;
  }

  private async conclude({ ref, build }: Conclusion): Promise<void> {
    const phase = buildPhase(build);
    const readsLog = build.status === 'FAILURE' && !this.read.has(build.id);
    if (phase !== 'succeeded' && !readsLog) return;
    const dockerfile = await this.builtDockerfile(ref, build);
    if (!dockerfile) return;
    if (phase === 'succeeded') {
      this.collection.delete(dockerfile);
      return;
    }
    this.read.add(build.id);
    const newestFirst = await this.deps.connection.api().getBuildLogs(ref, { buildId: build.id, lineLimit: LINE_LIMIT, direction: 'backward' });
    const text = await readText(dockerfile);
    const failure = findBuildFailure(
      newestFirst.reverse().map((line) => line.log),
      { dockerfileText: text, failed: true },
    );
    if (failure?.line === undefined || text === undefined) return;
    const fileLines = text.replace(/\r?\n$/, '').split(/\r?\n/);
    // The file here has changed since the build's commit: a line past its end would mislead.
    if (failure.line > fileLines.length) return;
    const lineText = fileLines[failure.line - 1];
    const start = lineText.length - lineText.trimStart().length;
    const diagnostic = new vscode.Diagnostic(new vscode.Range(failure.line - 1, start, failure.line - 1, lineText.length), failure.message, vscode.DiagnosticSeverity.Error);
    diagnostic.source = 'Northflank';
    diagnostic.code = { value: `${build.id} log`, target: BuildLogDocuments.uriFor(ref, build.id) };
    this.collection.set(dockerfile, [diagnostic]);
  }

  /** The Dockerfile in the workspace that this build built: what was sent to start it, else the link's, else the service's. */
  private async builtDockerfile(ref: BuildableRef, build: Build): Promise<vscode.Uri | undefined> {
    const entry = this.deps.links.find(ref);
    if (!entry) return undefined;
    const settings = this.deps.catalog.settings(ref);
    const sent = this.deps.builds.sentBody(build.id)?.overrides?.docker?.dockerFilePath;
    if (!sent && settings?.buildMethod === 'buildpack') return undefined;
    const apiPath = sent ?? entry.link.dockerFilePath ?? settings?.dockerfile.path;
    if (!apiPath) return undefined;
    return findInRepository(entry.folder.uri, apiPath);
  }

  dispose(): void {
    this.collection.dispose();
  }
}

/**
 * The API's path is from the repository root, which is the workspace folder or one above it: the
 * nearest folder, going up, that holds the file.
 */
async function findInRepository(folder: vscode.Uri, apiPath: string): Promise<vscode.Uri | undefined> {
  const segments = apiPath.split('/').filter((segment) => segment !== '' && segment !== '.');
  let base = folder;
  for (let depth = 0; depth <= MAX_FOLDER_DEPTH; depth++) {
    const candidate = vscode.Uri.joinPath(base, ...segments);
    if (await exists(candidate)) return candidate;
    const parent = vscode.Uri.joinPath(base, '..');
    if (parent.path === base.path) break;
    base = parent;
  }
  return undefined;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.File) !== 0;
  } catch {
    return false;
  }
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}
