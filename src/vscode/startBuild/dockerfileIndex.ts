import vscode = require('vscode');
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { isDockerfileName } from '../../dockerfile/dockerfileName';
import { findDockerfiles } from './pickDockerfile';

/**
 * The Dockerfiles of each workspace folder: searched for once (in idle time after activation, or by
 * the first Start Build), then kept by a FileSystemWatcher, so Start Build does not search the
 * workspace between Enter and its request.
 * - A created Dockerfile or folder makes the list stale, and it is searched again a second later in
 *   the background (or by a Start Build that comes first): the search applies files.exclude and
 *   search.exclude, which the watcher's events do not say.
 * - A listed file that is gone is left out as it is listed (a deleted folder takes its Dockerfiles
 *   with it in one event, which names only the folder).
 * - A change to files.exclude or search.exclude searches again.
 * The watcher is VS Code's own, the one the Explorer follows: when it misses events (on Linux, once
 * inotify runs out of watches), VS Code says so, and the Explorer is out of date too.
 */
export class DockerfileIndex implements vscode.Disposable {
  private readonly folders = new Map<string, FolderDockerfiles>();
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      vscode.workspace.onDidChangeWorkspaceFolders((event) => {
        for (const folder of event.removed) this.forget(folder);
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('files.exclude') || event.affectsConfiguration('search.exclude')) for (const folder of this.folders.values()) folder.stale();
      }),
    ];
  }

  /** The folder's Dockerfiles: at once when already known, else once the search is done. */
  list(folder: vscode.WorkspaceFolder): Promise<vscode.Uri[]> {
    return this.of(folder).list();
  }

  /** The folder's Dockerfiles as last found, when the list is not stale: a guess, unchecked against the disk. */
  known(folder: vscode.WorkspaceFolder): vscode.Uri[] | undefined {
    return this.folders.get(folder.uri.toString())?.latest;
  }

  private of(folder: vscode.WorkspaceFolder): FolderDockerfiles {
    const key = folder.uri.toString();
    let known = this.folders.get(key);
    if (!known) this.folders.set(key, (known = new FolderDockerfiles(folder)));
    return known;
  }

  private forget(folder: vscode.WorkspaceFolder): void {
    const key = folder.uri.toString();
    this.folders.get(key)?.dispose();
    this.folders.delete(key);
  }

  dispose(): void {
    for (const folder of this.folders.values()) folder.dispose();
    this.folders.clear();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

class FolderDockerfiles implements vscode.Disposable {
  private found: Promise<vscode.Uri[]> | undefined;
  /** What `found` resolved to. */
  latest: vscode.Uri[] | undefined;
  private readonly watcher: vscode.FileSystemWatcher;
  private searchSoon: NodeJS.Timeout | undefined;

  constructor(private readonly folder: vscode.WorkspaceFolder) {
    // Every creation, not only the Dockerfiles': a folder created with files in it (a checkout, a
    // pull, an unpacked archive) may be reported alone. Made before the first search, so nothing
    // created while it runs goes unseen.
    this.watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**/*'), false, false, true);
    this.watcher.onDidCreate((uri) => this.created(uri));
    // A file deleted and made again at once is reported as changed.
    this.watcher.onDidChange((uri) => {
      if (this.latest && isDockerfileName(basename(uri.fsPath)) && !this.latest.some((listed) => listed.toString() === uri.toString())) this.stale();
    });
  }

  async list(): Promise<vscode.Uri[]> {
    this.found ??= this.search();
    const files = await this.found;
    // Each check is one stat: done in turn here, not queued behind other work in libuv's threads.
    return files.filter((uri) => statSync(uri.fsPath, { throwIfNoEntry: false })?.isFile() === true);
  }

  stale(): void {
    this.found = undefined;
    this.latest = undefined;
    // Searched again once the creations have settled, so the next Start Build finds the list ready.
    clearTimeout(this.searchSoon);
    this.searchSoon = setTimeout(() => (this.found ??= this.search()), SEARCH_AFTER_CREATIONS_MS);
  }

  /** A new Dockerfile, or a folder that may hold some, makes the list stale; other files do not. */
  private created(uri: vscode.Uri): void {
    if (this.found === undefined || IGNORED_FOLDER.test(uri.fsPath)) return;
    // In turn, not as a promise: a Start Build right after the event must find the list stale.
    if (isDockerfileName(basename(uri.fsPath)) || statSync(uri.fsPath, { throwIfNoEntry: false })?.isDirectory()) this.stale();
  }

  private search(): Promise<vscode.Uri[]> {
    clearTimeout(this.searchSoon);
    const searching = Promise.resolve(findDockerfiles(this.folder));
    searching.then(
      (files) => {
        if (this.found === searching) this.latest = files;
      },
      // A failed search is not kept: the next list tries again.
      () => {
        if (this.found === searching) this.found = undefined;
      },
    );
    return searching;
  }

  dispose(): void {
    clearTimeout(this.searchSoon);
    this.watcher.dispose();
  }
}

/** Never searched (see `findDockerfiles`), and busy with files of their own. */
const IGNORED_FOLDER = /[\\/](\.git|node_modules)([\\/]|$)/;

/** How long after the last creation that made the list stale it is searched again, in the background. */
const SEARCH_AFTER_CREATIONS_MS = 1_000;

const indexes = new WeakMap<vscode.ExtensionContext, DockerfileIndex>();

/** The window's Dockerfile index, made on first use and disposed with the extension. */
export function dockerfileIndex(context: vscode.ExtensionContext): DockerfileIndex {
  let index = indexes.get(context);
  if (!index) {
    indexes.set(context, (index = new DockerfileIndex()));
    context.subscriptions.push(index);
  }
  return index;
}
