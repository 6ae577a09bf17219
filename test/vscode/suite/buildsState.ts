import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { TOKENS, type RecordedRequest } from '../../emulator';
import type { BuildStatus } from '../../emulator/timeline';
import type { BuildNode, BuildsNode, LinkNode } from '../../../src/vscode/builds/buildTreeItems';
import type { BuildsTreeProvider } from '../../../src/vscode/builds/buildsTreeProvider';
import type { Deps } from '../../../src/vscode/deps';
import type { Build, BuildableRef, StartBuildBody } from '../../../src/northflank/types';
import { buildableKey, sameBuildable } from '../../../src/northflank/buildableRef';
import type { Prompter } from '../../../src/vscode/prompter';
import type { StoredLink } from '../../../src/vscode/links/buildableLink';
import { emulator, waitFor } from './environment';
import { extensionDeps, LINKS, signInOnly, ScriptedPrompter, workspaceFolder, type Answer } from './startBuildScript';

// What the Builds view tests share: the extension's own Deps and tree, builds started through the
// API and held in a status of the test's choosing, and the context keys the extension sets.

export { LINKS, workspaceFolder };

/** How long the watcher may take to notice a change: a log-tail hint (1 s) or a fast poll (3 s), with room. */
export const NOTICE_MS = 8_000;

export interface BuildsState {
  deps(): Deps;
  tree(): BuildsTreeProvider;
  /** The last value the extension gave each context key (`setContext`), since the suite started. */
  contexts: Map<string, unknown>;
  script(answers: Record<string, Answer>): ScriptedPrompter;
  /**
   * Starts a build through the API, holds it in `status` (the emulator stops moving it on its own
   * clock) and, like Start Build, hands it to the store to watch. Returns the start answer.
   */
  startHeld(status: BuildStatus, link?: StoredLink, body?: StartBuildBody, track?: boolean): Promise<Build>;
  /** Moves a held build on; a concluded status concludes it now. */
  hold(buildId: string, status: BuildStatus): void;
}

/**
 * Each test starts with the full token stored and the fixture linked to the combined service; it
 * ends with every build it held concluded (so nothing is left for the watcher), the real prompter
 * back and the notifications cleared.
 */
export function useBuildsState(): BuildsState {
  let deps: Deps | undefined;
  let original: Prompter | undefined;
  let restoreSpy: (() => void) | undefined;
  const held = new Set<string>();
  const contexts = new Map<string, unknown>();

  before(async () => {
    deps = await extensionDeps();
    restoreSpy = spyOnContextKeys(contexts);
  });
  beforeEach(async () => {
    const current = currentDeps();
    original = current.prompter;
    // Only when needed: each change reloads the view, and a reload landing mid-test would race it.
    const accounts = await current.accounts.list();
    if (accounts.length !== 1 || accounts[0].token !== TOKENS.full) {
      await signInOnly(current, TOKENS.full);
      await waitFor(() => contexts.get('northflank.hasToken') === true, 5_000, 'the token to be seen');
    }
    const linked = current.links.forFolder(workspaceFolder());
    if (linked.length !== 1 || !sameBuildable(linked[0], LINKS.combined)) await current.links.setPersonal(workspaceFolder(), [LINKS.combined]);
    // Draw the view once (its first drawing loads), then wait for that load.
    await currentTree().getChildren();
    await current.builds.refresh();
  });
  afterEach(async () => {
    const current = currentDeps();
    if (original) current.prompter = original;
    emulator().clearFaults();
    for (const id of held) hold(id, 'SUCCESS');
    held.clear();
    await vscode.commands.executeCommand('notifications.clearAll');
  });
  after(async () => {
    restoreSpy?.();
    await currentDeps().links.setPersonal(workspaceFolder(), []);
  });

  function currentDeps(): Deps {
    if (!deps) throw new Error('useBuildsState() is only usable inside a test');
    return deps;
  }

  function hold(buildId: string, status: BuildStatus): void {
    const record = emulator().state.builds.find((build) => build.id === buildId);
    assert.ok(record, `the emulator has no build ${buildId}`);
    if (record.fixed && CONCLUDED.has(record.fixed.status)) return;
    const concluded = CONCLUDED.has(status);
    record.fixed = { status, ...(concluded ? { concludedAt: Date.now() } : {}) };
    if (concluded) held.delete(buildId);
    else held.add(buildId);
  }

  function currentTree(): BuildsTreeProvider {
    const tree = currentDeps().buildsTree;
    assert.ok(tree, 'the Builds view did not register its tree');
    return tree;
  }

  return {
    deps: currentDeps,
    tree: currentTree,
    contexts,
    script: (answers) => {
      const prompter = new ScriptedPrompter(answers);
      currentDeps().prompter = prompter;
      return prompter;
    },
    startHeld: async (status, link = LINKS.combined, body = {}, track = true) => {
      const build = await currentDeps().connection.api().startBuild(link, body);
      // Before anything else asks the emulator about it, so the build never moves on by itself.
      hold(build.id, status);
      if (track) currentDeps().builds.track(link, build, body);
      return build;
    },
    hold,
  };
}

const CONCLUDED = new Set<BuildStatus>(['SUCCESS', 'FAILURE', 'ABORTED', 'SUBMISSION_FAILURE', 'CRASHED']);

/**
 * Listens to `setContext` calls: VS Code has no API to read a context key back, and an extension's
 * tests get the same `vscode` API object as the extension, so they see its calls.
 */
function spyOnContextKeys(contexts: Map<string, unknown>): () => void {
  const commands = vscode.commands as { executeCommand: (command: string, ...rest: unknown[]) => Thenable<unknown> };
  const original = commands.executeCommand;
  commands.executeCommand = (command: string, ...rest: unknown[]) => {
    if (command === 'setContext') contexts.set(String(rest[0]), rest[1]);
    return original.call(vscode.commands, command, ...rest);
  };
  return () => (commands.executeCommand = original);
}

export async function serviceNode(tree: BuildsTreeProvider, link: BuildableRef): Promise<LinkNode> {
  const roots = await tree.getChildren();
  const found = roots.find((node) => 'entry' in node && sameBuildable(node.entry.link, link)) as LinkNode | undefined;
  assert.ok(found, `the Builds view does not list ${buildableKey(link)}; it lists ${roots.map((node) => node.label).join(', ') || 'nothing'}`);
  return found;
}

/** The rows under a service: builds, then "Load more…" when there is a next page. */
export async function serviceRows(tree: BuildsTreeProvider, link: BuildableRef): Promise<BuildsNode[]> {
  return tree.getChildren(await serviceNode(tree, link));
}

export async function buildRow(tree: BuildsTreeProvider, link: BuildableRef, buildId: string): Promise<BuildNode | undefined> {
  const rows = await serviceRows(tree, link);
  return rows.find((node): node is BuildNode => 'build' in node && node.build.id === buildId);
}

/** Waits until the build's row satisfies `check`, without refreshing: only the watcher can make it so. */
export async function waitForRow(
  tree: BuildsTreeProvider,
  link: BuildableRef,
  buildId: string,
  check: (row: BuildNode) => boolean,
  what: string,
): Promise<BuildNode> {
  let row: BuildNode | undefined;
  await waitFor(async () => {
    row = await buildRow(tree, link, buildId);
    return row !== undefined && check(row);
  }, NOTICE_MS, `${buildId} ${what} (last seen: ${row ? `${String(row.description)}, ${iconOf(row)}` : 'no row'})`);
  return row!;
}

export function iconOf(node: vscode.TreeItem): string | undefined {
  return node.iconPath instanceof vscode.ThemeIcon ? node.iconPath.id : undefined;
}

/** A tooltip's text as a person reads it: no bold markers, escapes or non-breaking-space entities. */
export function tooltipText(node: vscode.TreeItem): string {
  const tooltip = node.tooltip;
  const text = typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? '');
  return text
    .replace(/\*\*/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/\\(.)/g, '$1');
}

/** Requests about one build (status polls and log tails) since `from`. */
export function requestsFor(buildId: string, from = 0): RecordedRequest[] {
  return emulator()
    .requests.slice(from)
    .filter((request) => request.path.endsWith(`/build/${buildId}`) || request.query.buildId === buildId);
}

/** List-builds requests since `from`. */
export function listRequests(from = 0): RecordedRequest[] {
  return emulator()
    .requests.slice(from)
    .filter((request) => request.method === 'GET' && request.path.endsWith('/build'));
}
