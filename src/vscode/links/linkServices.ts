import * as vscode from 'vscode';
import { allRemoteUrls, readRemoteUrls } from '../../git/readRemotes';
import { discoverBuildables, type DiscoveredBuildable } from '../../links/discovery';
import { buildableKey, refOf } from '../../northflank/buildableRef';
import { sameRepository } from '../../repository/remoteUrl';
import type { Deps } from '../deps';
import { log } from '../log';
import { type BuildableLink, KIND_WORDS, type StoredLink } from './buildableLink';
import { BACK, type Back, type PickManyItem } from '../prompter';
import { ensureToken } from '../auth/ensureToken';
import { chooseTeam } from '../auth/chooseTeam';


/**
 * Finds the services and jobs whose repository is one of this folder's remotes, ticks them (and the
 * current links), lists every other buildable one below for linking by hand, and remembers the choice.
 * Resolves to the folder's links afterwards, or undefined when cancelled.
 */
export async function linkServices(deps: Deps, folder: vscode.WorkspaceFolder, back = false): Promise<BuildableLink[] | Back | undefined> {
  if (!(await ensureToken(deps))) return undefined;
  // Signed in to several teams: the services listed are the chosen team's, and the links made keep it.
  const team = await chooseTeam(deps, folder, back);
  if (team === undefined || team === BACK) return team;
  // Reading the remotes runs git, which an untrusted workspace must not: the person then picks by hand.
  const remotes = vscode.workspace.isTrusted ? allRemoteUrls((await readRemoteUrls(folder.uri.fsPath)).remotes) : [];
  const api = deps.connection.withToken(team.account.token);
  const found = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Looking for the Northflank services and jobs that build this repository…' },
    () => discoverBuildables(api, remotes, deps.catalog.asDetailsCache(), { sameRepository }),
  );
  deps.catalog.rememberDiscovered(found.buildables);
  for (const problem of found.unreadable) log().warn(`Link Services could not read ${problem}`);
  if (found.buildables.length === 0) {
    void deps.prompter.notify('warning', 'Northflank: this token sees no service or job that can be built. Create one in Northflank, or use a token of the right team.');
    return undefined;
  }
  // Links to another team's services are not this list's to change: they are kept as they are.
  const current = deps.links.forFolder(folder).filter(team.owns);
  const isLinked = (buildable: DiscoveredBuildable) => current.some((link) => buildableKey(link) === buildableKey(buildable.ref));
  const ordered = [...found.buildables].sort((a, b) => rank(a, isLinked(a)) - rank(b, isLinked(b)) || a.projectName.localeCompare(b.projectName) || a.name.localeCompare(b.name));
  const matching = ordered.filter((b) => b.matchesRemote || isLinked(b));
  const items: Array<PickManyItem<DiscoveredBuildable | undefined>> = [];
  if (matching.length > 0) items.push(separator(remotes.length > 0 ? 'Build this repository' : 'Linked'));
  items.push(...matching.map((b) => item(b, true, isLinked(b))));
  const others = ordered.filter((b) => !matching.includes(b));
  if (others.length > 0) items.push(separator('Other services and jobs'), ...others.map((b) => item(b, false, false)));

  const chosen = await deps.prompter.pickManyStep(items, {
    back: back || team.asked,
    title: `Link ${folder.name} to Northflank`,
    placeholder: placeholder(remotes.length, matching.length, found.truncated) + (found.unreadable.length > 0 ? ` (${found.unreadable.length} list${found.unreadable.length === 1 ? '' : 's'} could not be read: see the Northflank output)` : ''),
  });
  if (chosen === undefined || chosen === BACK) return chosen;
  const picked = chosen.filter((b): b is DiscoveredBuildable => b !== undefined);
  for (const link of current.filter((l) => l.origin === 'settings' && !picked.some((b) => buildableKey(b.ref) === buildableKey(l)))) {
    await deps.links.unlink(folder, link);
  }
  const shared = current.filter((l) => l.origin === 'settings');
  const own: StoredLink[] = picked
    .filter((b) => !shared.some((l) => buildableKey(l) === buildableKey(b.ref)))
    .map((b) => ({ ...refOf(b.ref), name: b.name, kind: b.kind, ...(team.account.teamId ? { teamId: team.account.teamId } : {}) }) as StoredLink);
  const otherTeams = deps.links.personalLinks(folder).filter((stored) => !team.owns(stored));
  await deps.links.setPersonal(folder, [...otherTeams, ...own]);
  const links = deps.links.forFolder(folder);
  void announce(deps, folder, links);
  return links;
}

function rank(buildable: DiscoveredBuildable, linked: boolean): number {
  return buildable.matchesRemote || linked ? 0 : 1;
}

function item(buildable: DiscoveredBuildable, picked: boolean, linked: boolean): PickManyItem<DiscoveredBuildable> {
  const marks = [linked ? '$(link) linked' : undefined, buildable.matchesRemote ? '$(repo) this repository' : undefined].filter(Boolean);
  const dockerfile = buildable.settings?.buildMethod === 'buildpack' ? 'buildpacks' : buildable.settings?.dockerfile.path;
  return {
    label: buildable.name,
    description: [KIND_WORDS[buildable.kind], buildable.projectName, ...marks].join(' · '),
    detail: [dockerfile, buildable.ciOn ? 'CI on' : 'CI off', buildable.repositoryUrl].filter(Boolean).join(' · '),
    picked,
    value: buildable,
  };
}

function separator(label: string): PickManyItem<undefined> {
  return { label, kind: vscode.QuickPickItemKind.Separator, value: undefined };
}

function placeholder(remotes: number, matching: number, truncated: boolean): string {
  const more = truncated ? ' (the list stops at 500 per project: link others by id in settings)' : '';
  if (!vscode.workspace.isTrusted) return `This workspace is not trusted, so its git remotes were not read: tick what it builds${more}`;
  if (remotes === 0) return `This repository has no remotes to match: tick what it builds${more}`;
  if (matching === 0) return `Nothing Northflank builds names this repository's remotes: tick what it builds${more}`;
  return `Ticked: what builds this repository. Type to find others${more}`;
}

/** The last status-bar line about links, replaced by the next one rather than shown beside it. */
let linkedLine: vscode.Disposable | undefined;

async function announce(deps: Deps, folder: vscode.WorkspaceFolder, links: BuildableLink[]): Promise<void> {
  linkedLine?.dispose();
  if (links.length === 0) {
    linkedLine = vscode.window.setStatusBarMessage(`Northflank: ${folder.name} is linked to nothing`, 5000);
    return;
  }
  const personal = links.filter((link) => link.origin === 'personal').length;
  const names = links.map((link) => link.name).join(', ');
  if (personal === 0) {
    linkedLine = vscode.window.setStatusBarMessage(`Northflank: ${folder.name} builds ${names}`, 5000);
    return;
  }
  const choice = await deps.prompter.notify('information', `Northflank: ${folder.name} builds ${names}.`, 'Share with Team');
  if (choice === 'Share with Team') await shareLinks(deps, folder);
}

export async function shareLinks(deps: Deps, folder: vscode.WorkspaceFolder): Promise<void> {
  if (deps.links.forFolder(folder).length === 0) {
    void deps.prompter.notify('information', `Northflank: ${folder.name} has no links to share yet. Link services first.`, 'Link Services').then(
      (choice) => choice && vscode.commands.executeCommand('northflank.linkServices'),
    );
    return;
  }
  const count = await deps.links.share(folder);
  void deps.prompter.notify('information', `Northflank: ${count} link${count === 1 ? '' : 's'} written to ${folder.name}/.vscode/settings.json (ids only, never a token). Commit it to share them.`);
}
