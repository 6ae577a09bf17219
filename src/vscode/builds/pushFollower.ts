import vscode = require('vscode');
import { findGitDirs, type GitDirs, pushedCommit, readHeadState } from '../../git/pushedHead';
import { pushCandidates, type PushTarget } from '../../watch/pushSearch';
import type { Deps } from '../deps';
import { log } from '../log';

/** Git writes a ref as a lock file renamed into place, and a push may move several: read once they settle. */
const SETTLE_MS = 250;

interface WatchedRepository {
  dirs: GitDirs;
  folders: vscode.WorkspaceFolder[];
  /** The upstream's sha when last read: only a move of it can be a push. */
  upstreamSha?: string;
  timer?: ReturnType<typeof setTimeout>;
}

/**
 * Notices when this window's repository pushes the checked-out branch, and asks the Builds view to find
 * and follow the builds CI starts for it.
 *
 * Why watch the remote-tracking ref files rather than use the built-in Git extension's API: `git push`
 * moves `refs/remotes/<remote>/<branch>` whoever pushes (the terminal, the Source Control view, another
 * tool), reading those files costs no git process, and nothing here depends on `vscode.git` being enabled
 * or makes it activate (which runs git) when this extension does. A push is told from a fetch by the
 * upstream now holding exactly the local HEAD; a fetched teammate's commit does not. In an untrusted
 * workspace nothing is read or watched.
 */
export function registerPushFollower(deps: Deps): vscode.Disposable {
  const repositories = new Map<string, WatchedRepository>();
  let watchers: vscode.Disposable[] = [];
  let generation = 0;

  const check = async (repository: WatchedRepository) => {
    const state = await readHeadState(repository.dirs);
    const moved = state.upstreamSha !== undefined && state.upstreamSha !== repository.upstreamSha;
    repository.upstreamSha = state.upstreamSha;
    const pushed = pushedCommit(state);
    if (!moved || !pushed || !(await deps.accounts.has())) return;
    const targets: PushTarget[] = repository.folders.flatMap((folder) =>
      deps.links.forFolder(folder).map((link) => {
        const known = deps.catalog.get(link);
        return { ref: link, kind: known?.kind ?? link.kind, ciOn: known?.ciOn, branch: known?.settings?.repository?.branch };
      }),
    );
    const searched = pushCandidates(targets, pushed);
    const names = targets.filter((target) => searched.includes(target.ref)).map((target) => deps.catalog.get(target.ref)?.name ?? JSON.stringify(target.ref));
    log().info(`Pushed ${pushed.branch}@${pushed.sha.slice(0, 7)}: ${names.length > 0 ? `looking for the builds CI starts on ${names.join(', ')}` : 'no linked service or job with CI on builds it'}`);
    if (searched.length > 0) deps.builds.followPush(pushed, searched, deps.pushSearchTiming);
  };

  const watch = async () => {
    const mine = ++generation;
    for (const watcher of watchers) watcher.dispose();
    watchers = [];
    for (const repository of repositories.values()) clearTimeout(repository.timer);
    repositories.clear();
    if (!vscode.workspace.isTrusted) return;
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme !== 'file') continue;
      const dirs = await findGitDirs(folder.uri.fsPath);
      if (mine !== generation) return;
      if (!dirs) continue;
      const known = repositories.get(dirs.commonDir);
      if (known) {
        known.folders.push(folder);
        continue;
      }
      const repository: WatchedRepository = { dirs, folders: [folder], upstreamSha: (await readHeadState(dirs)).upstreamSha };
      if (mine !== generation) return;
      repositories.set(dirs.commonDir, repository);
      const soon = () => {
        clearTimeout(repository.timer);
        repository.timer = setTimeout(() => void check(repository).catch((error: unknown) => log().warn(`Reading the pushed commit: ${String(error)}`)), SETTLE_MS);
      };
      for (const pattern of ['refs/remotes/**', 'packed-refs']) {
        const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dirs.commonDir), pattern));
        watchers.push(watcher, watcher.onDidCreate(soon), watcher.onDidChange(soon));
      }
    }
  };

  void watch();
  const subscriptions = [vscode.workspace.onDidGrantWorkspaceTrust(() => void watch()), vscode.workspace.onDidChangeWorkspaceFolders(() => void watch())];
  return {
    dispose: () => {
      generation++;
      for (const repository of repositories.values()) clearTimeout(repository.timer);
      for (const disposable of [...watchers, ...subscriptions]) disposable.dispose();
    },
  };
}
