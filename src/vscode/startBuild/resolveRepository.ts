import vscode = require('vscode');
import { dirname, join } from 'node:path';
import { lstatSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { readRepositoryHead } from '../../git/readRepositoryHead';
import { readWorkingTreeChanges } from '../../git/readWorkingTreeChanges';
import type { ReadMemory } from '../../git/readMemory';
import type { RepositoryHead, WorkingTreeChanges } from '../../git/repositoryState';
import { log } from '../log';
import type { Prompter } from '../prompter';
import { pickWorkspaceFolder } from '../workspaceFolder';

export interface ResolvedRepository {
  folder: vscode.WorkspaceFolder;
  repository: RepositoryHead;
  /**
   * Counts the uncommitted changes, on the first call only; undefined when git could not count them.
   * Never rejects.
   */
  changes: () => Promise<WorkingTreeChanges | undefined>;
}

/** Where to read the repository from, decided without running git. */
export interface RepositoryLocation {
  folder: vscode.WorkspaceFolder;
  /** A folder inside the repository: the Dockerfile's, the active file's, or the chosen repository. */
  start: string;
}

/**
 * False, with a message, in an untrusted workspace: Start Build must run git, so it stops
 * before anything else (asking for a token first would be a question asked for nothing).
 */
export function workspaceTrustedForGit(): boolean {
  if (vscode.workspace.isTrusted) return true;
  // Not awaited: the flow ends now, so the next Start Build is not blocked while the message waits for an answer.
  void vscode.window
    .showWarningMessage(
      vscode.l10n.t('Northflank: this workspace is not trusted, so the extension does not run git in it and cannot tell which commit to build. Trust the workspace to start builds.'),
      vscode.l10n.t('Manage Workspace Trust'),
    )
    .then((choice) => choice && vscode.commands.executeCommand('workbench.trust.manage'));
  return false;
}

/**
 * Where the repository is: the one holding the chosen Dockerfile, else the
 * active editor's file, else the workspace folder; asks when a folder holds
 * several repositories. Call it only in a trusted workspace (workspaceTrustedForGit).
 */
export async function locateRepository(prompter: Prompter, dockerfile: vscode.Uri | undefined): Promise<RepositoryLocation | undefined> {
  const anchor = dockerfile ?? activeFileInWorkspace();
  const folder = anchor ? vscode.workspace.getWorkspaceFolder(anchor) : await pickWorkspaceFolder(prompter, vscode.l10n.t('Build from which folder?'));
  if (!folder) {
    if (anchor) void prompter.notify('warning', vscode.l10n.t('Northflank: the file is not in an open workspace folder. Open the folder that holds its repository.'));
    return undefined;
  }
  const start = anchor ? dirname(anchor.fsPath) : await pickNestedRepository(prompter, folder.uri.fsPath);
  return start ? { folder, start } : undefined;
}

/**
 * Reads the repository with git, or from `memory` when the files git read are as they were (see
 * headSnapshot.ts); a folder that is no repository, or has no commits, gets its message.
 * Resolves once HEAD, its branch and upstream are read. The count of uncommitted changes, a scan of
 * every tracked file, only feeds a warning said after the request, so it starts when asked for (once
 * the request is sent) and takes no processor time from what the request waits for.
 */
export async function readLocatedRepository({ folder, start }: RepositoryLocation, memory: ReadMemory): Promise<ResolvedRepository | undefined> {
  const state = await readRepositoryHead(start, memory);
  if (state.kind === 'repository') {
    let counting: Promise<WorkingTreeChanges | undefined> | undefined;
    const changes = () =>
      (counting ??= readWorkingTreeChanges(state.root).catch((error: unknown) => {
        log().warn(`Could not count the uncommitted changes: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }));
    return { folder, repository: state, changes };
  }
  const hint =
    state.kind === 'notRepository'
      ? vscode.l10n.t('Northflank: "{0}" is not in a git repository. Northflank builds commits, so initialise a repository and push it first.', folder.name)
      : vscode.l10n.t('Northflank: {0}', state.message);
  void vscode.window.showWarningMessage(hint);
  return undefined;
}

function activeFileInWorkspace(): vscode.Uri | undefined {
  const uri = vscode.window.activeTextEditor?.document.uri;
  return uri?.scheme === 'file' && vscode.workspace.getWorkspaceFolder(uri) ? uri : undefined;
}

/** The folder itself when it is a repository; else the repositories one or two levels down. */
async function pickNestedRepository(prompter: Prompter, folderPath: string): Promise<string | undefined> {
  if (hasGitEntry(folderPath)) return folderPath;
  const nested = await findNestedRepositories(folderPath);
  if (nested.length <= 1) return nested[0] ?? folderPath;
  return prompter.pick(
    nested.map((path) => ({ label: path.slice(folderPath.length + 1), value: path })),
    { title: vscode.l10n.t('Start Build: repository'), placeholder: vscode.l10n.t('This folder holds several git repositories. Which one?') },
  );
}

async function findNestedRepositories(root: string, depth = 2): Promise<string[]> {
  if (depth === 0) return [];
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  const found: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(root, entry.name);
    if (hasGitEntry(path)) found.push(path);
    else found.push(...(await findNestedRepositories(path, depth - 1)));
  }
  return found.sort();
}

/** One lstat, in turn: the folder's `.git` entry (a folder, a file or a link), as git looks for it. */
function hasGitEntry(path: string): boolean {
  return lstatSync(join(path, '.git'), { throwIfNoEntry: false }) !== undefined;
}
