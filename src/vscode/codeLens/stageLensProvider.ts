import vscode = require('vscode');
import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DOCKERFILE_GLOB } from '../../dockerfile/dockerfileName';
import { locateDockerfile } from '../../dockerfile/dockerfileLocation';
import { parseStages, type DockerfileStage } from '../../dockerfile/dockerfileStage';
import { stageLenses } from '../../dockerfile/stageLenses';
import { CODE_LENS_SETTING, codeLensEnabled } from '../configuration';
import type { Deps } from '../deps';
import { linkBuildingDockerfile } from '../startBuild/linkForDockerfile';

/** Runs Start Build on a Dockerfile with the stage already chosen: `(dockerfile: Uri, target?: string)`. */
export const BUILD_STAGE_COMMAND = 'northflank.buildStage';

const DOCKERFILES: vscode.DocumentSelector = { scheme: 'file', pattern: DOCKERFILE_GLOB };
/** Typing pauses this long before the stages are read again. */
const PARSE_DELAY_MS = 150;

/**
 * "Build 'runtime' on API" above each stage of a Dockerfile. The stages are read once per document
 * version, after typing pauses, so the lenses never slow typing; the service named is the one a
 * right-click on the file would build, from what is known without a request.
 */
export class StageLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly parsed = new Map<string, { version: number; stages: DockerfileStage[] }>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** A folder's repository root, looked up once: it is where `.git` is, which rarely moves. */
  private readonly roots = new Map<string, Promise<string | undefined>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly deps: Deps) {
    this.subscriptions = [
      vscode.workspace.onDidChangeTextDocument((event) => this.parseSoon(event.document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri.toString())),
      vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration(CODE_LENS_SETTING) && this.changed.fire()),
      deps.links.onDidChange(() => this.changed.fire()),
      deps.catalog.onDidChange(() => this.changed.fire()),
    ];
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!codeLensEnabled(document.uri)) return [];
    const stages = this.stagesOf(document);
    if (stages.length === 0) return [];
    const name = await this.buildableName(document.uri);
    return stageLenses(stages, name).map((lens) => {
      const at = new vscode.Range(lens.line, 0, lens.line, 0);
      // A lens with no command id is drawn as plain text: the note says why the stage has no button.
      if (!lens.build) return new vscode.CodeLens(at, { title: lens.title, tooltip: lens.tooltip, command: '' });
      const args = lens.build.target === undefined ? [document.uri] : [document.uri, lens.build.target];
      return new vscode.CodeLens(at, { title: lens.title, tooltip: lens.tooltip, command: BUILD_STAGE_COMMAND, arguments: args });
    });
  }

  /** The stages of this version of the document, read only when the version is new. */
  private stagesOf(document: vscode.TextDocument): DockerfileStage[] {
    const key = document.uri.toString();
    const known = this.parsed.get(key);
    if (known?.version === document.version) return known.stages;
    const stages = parseStages(document.getText());
    this.parsed.set(key, { version: document.version, stages });
    return stages;
  }

  /** After typing pauses: the stages read again, and the lenses redrawn when a FROM line moved or changed. */
  private parseSoon(document: vscode.TextDocument): void {
    if (vscode.languages.match(DOCKERFILES, document) === 0) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (document.isClosed) return;
        const before = this.parsed.get(key)?.stages;
        const after = this.stagesOf(document);
        if (before !== after && !sameLenses(before, after)) this.changed.fire();
      }, PARSE_DELAY_MS),
    );
  }

  private async buildableName(uri: vscode.Uri): Promise<string | undefined> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return undefined;
    const root = (await this.repositoryRoot(dirname(uri.fsPath))) ?? folder.uri.fsPath;
    const location = locateDockerfile(root, uri.fsPath);
    return location.ok ? linkBuildingDockerfile(this.deps, folder, location.dockerFilePath)?.name : undefined;
  }

  private repositoryRoot(folder: string): Promise<string | undefined> {
    let root = this.roots.get(folder);
    if (!root) {
      root = findRepositoryRoot(folder);
      this.roots.set(folder, root);
    }
    return root;
  }

  private forget(key: string): void {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.parsed.delete(key);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}

/** The nearest folder up from `folder` that holds `.git`, found without running git. */
async function findRepositoryRoot(folder: string): Promise<string | undefined> {
  for (let current = folder; ; current = dirname(current)) {
    if (await stat(join(current, '.git')).then(() => true, () => false)) return current;
    if (dirname(current) === current) return undefined;
  }
}

function sameLenses(before: DockerfileStage[] | undefined, after: DockerfileStage[]): boolean {
  if (!before || before.length !== after.length) return false;
  return before.every((stage, i) => stage.line === after[i].line && stage.name === after[i].name && stage.baseImage === after[i].baseImage && stage.shadowedBy?.line === after[i].shadowedBy?.line);
}

export function registerStageLenses(deps: Deps): vscode.Disposable[] {
  const provider = new StageLensProvider(deps);
  return [provider, vscode.languages.registerCodeLensProvider(DOCKERFILES, provider)];
}
