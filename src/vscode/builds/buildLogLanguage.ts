import vscode = require('vscode');
import { fileReferences, type FileReference } from '../../buildLog/fileReferences';
import { stepRegions } from '../../buildLog/stepFolding';
import type { Deps } from '../deps';
import { BuildLogDocuments, LOG_LANGUAGE } from './buildLogDocuments';

/** What the log language adds to a build log: BuildKit steps fold, and files of the repository it names open. */
export function registerBuildLogLanguage(deps: Deps): vscode.Disposable[] {
  const selector: vscode.DocumentSelector = { language: LOG_LANGUAGE };
  return [
    vscode.languages.registerFoldingRangeProvider(selector, {
      provideFoldingRanges: (document) => stepRegions(lines(document)).map(({ start, end }) => new vscode.FoldingRange(start, end)),
    }),
    vscode.languages.registerDocumentLinkProvider(selector, {
      provideDocumentLinks: (document) => fileLinks(deps, document),
    }),
  ];
}

function lines(document: vscode.TextDocument): string[] {
  return document.getText().split(/\r?\n/);
}

/**
 * Links to the files of the build's workspace folder the log names. A bare `Dockerfile:12` is
 * BuildKit speaking of the Dockerfile it built: the one the team's setting names for the link, or
 * the service's as last read, when its name is that; else the one at the root.
 */
async function fileLinks(deps: Deps, document: vscode.TextDocument): Promise<vscode.DocumentLink[]> {
  const build = BuildLogDocuments.buildOf(document.uri);
  const found = build && deps.links.find(build.ref);
  if (!found) return [];
  const { folder, link } = found;
  const built = link.dockerFilePath ?? deps.catalog.settings(build.ref)?.dockerfile.path;
  // One stat a path, however often the log names it: a log repeats its Dockerfile and sources.
  const isFile = new Map<string, Promise<boolean>>();
  const exists = (uri: vscode.Uri) => {
    const key = uri.toString();
    if (!isFile.has(key)) isFile.set(key, statIsFile(uri));
    return isFile.get(key)!;
  };
  const candidates: { reference: FileReference; row: number; target: vscode.Uri }[] = [];
  lines(document).forEach((text, row) => {
    for (const reference of fileReferences(text)) candidates.push({ reference, row, target: targetOf(folder, reference.path, built) });
  });
  const links: vscode.DocumentLink[] = [];
  for (const { reference, row, target } of candidates) {
    if (!(await exists(target))) continue;
    const range = new vscode.Range(row, reference.start, row, reference.end);
    const at = reference.line === undefined ? target : target.with({ fragment: `L${reference.line}` });
    const link = new vscode.DocumentLink(range, at);
    link.tooltip = reference.line === undefined ? vscode.l10n.t('Open {0}', vscode.workspace.asRelativePath(target)) : vscode.l10n.t('Open {0} at line {1}', vscode.workspace.asRelativePath(target), reference.line);
    links.push(link);
  }
  return links;
}

function targetOf(folder: vscode.WorkspaceFolder, path: string, builtDockerfile: string | undefined): vscode.Uri {
  const own = builtDockerfile?.replace(/^\/+/, '');
  if (own && !path.includes('/') && own.slice(own.lastIndexOf('/') + 1) === path) return vscode.Uri.joinPath(folder.uri, own);
  return vscode.Uri.joinPath(folder.uri, path);
}

async function statIsFile(uri: vscode.Uri): Promise<boolean> {
  try {
    return (await vscode.workspace.fs.stat(uri)).type === vscode.FileType.File;
  } catch {
    return false;
  }
}
