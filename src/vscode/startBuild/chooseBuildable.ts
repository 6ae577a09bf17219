import vscode = require('vscode');
import { readIntoCatalog } from './buildableSettings';
import { buildableKey, parseBuildableKey, sameBuildable } from '../../northflank/buildableRef';
import type { BuildableRef } from '../../northflank/types';
import { linkServices } from '../links/linkServices';
import type { Deps } from '../deps';
import { kindInWords, type BuildableLink } from '../links/buildableLink';
import type { Answered, StepPlace } from '../flowSteps';
import type { PickItem } from '../prompter';
import { choiceKeyOf, matchLinked } from './linkForDockerfile';

const LAST_USED = 'northflank.lastBuilt:';

/**
 * Which linked service or job to build. From a Dockerfile: the one whose Dockerfile it is, with no
 * question; several or none: asked once, and the answer remembered for that Dockerfile. Otherwise the
 * only link, or a pick with the last one built on top. No link yet: Link Services first.
 */
export async function chooseBuildable(deps: Deps, place: StepPlace, folder: vscode.WorkspaceFolder, dockerFilePath: string | undefined): Promise<Answered<BuildableLink>> {
  let links = deps.links.forFolder(folder);
  const linkedNow = links.length === 0;
  if (linkedNow) {
    const linked = await linkServices(deps, folder);
    links = Array.isArray(linked) ? linked : [];
  }
  if (links.length === 0) return undefined;
  const chosen = await (dockerFilePath !== undefined ? forDockerfile(deps, place, folder, links, dockerFilePath) : fromPalette(deps, place, folder, links));
  if (chosen === undefined || typeof chosen === 'symbol') return chosen;
  return { value: chosen.value, asked: chosen.asked || linkedNow };
}

/** Whether `chooseBuildable` may ask, before any answer is known. */
export function mayAskBuildable(deps: Deps, folder: vscode.WorkspaceFolder): boolean {
  return deps.links.forFolder(folder).length !== 1;
}

async function fromPalette(deps: Deps, place: StepPlace, folder: vscode.WorkspaceFolder, links: BuildableLink[]): Promise<Answered<BuildableLink>> {
  if (links.length === 1) return { value: links[0], asked: false };
  const last = parseBuildableKey(deps.context.workspaceState.get<string>(LAST_USED + folder.uri.toString()) ?? '');
  const ordered = last ? [...links.filter((l) => sameBuildable(l, last)), ...links.filter((l) => !sameBuildable(l, last))] : links;
  const chosen = await deps.prompter.pickStep(ordered.map((link) => itemFor(deps, link, last !== undefined && sameBuildable(link, last) ? vscode.l10n.t('built last') : undefined)), {
    title: place.title(vscode.l10n.t('which service or job?')),
    placeholder: vscode.l10n.t('{0} builds {1} services and jobs', folder.name, links.length),
    back: place.back,
  });
  return chosen === undefined || typeof chosen === 'symbol' ? chosen : { value: chosen, asked: true };
}

/** Remembers what was built, so the next palette build offers it first. */
export function rememberBuilt(deps: Deps, folder: vscode.WorkspaceFolder, ref: BuildableRef): Thenable<void> {
  return deps.context.workspaceState.update(LAST_USED + folder.uri.toString(), buildableKey(ref));
}


async function forDockerfile(deps: Deps, place: StepPlace, folder: vscode.WorkspaceFolder, links: BuildableLink[], dockerFilePath: string): Promise<Answered<BuildableLink>> {
  await readUnknownSettings(deps, links);
  const choiceKey = choiceKeyOf(folder, dockerFilePath);
  const match = matchLinked(deps, folder, links, dockerFilePath);
  if (match.kind === 'one') {
    const only = links.find((link) => sameBuildable(link, match.ref));
    return only && { value: only, asked: false };
  }
  const offered = links.filter((link) => match.offered.some((ref) => sameBuildable(ref, link)));
  // When nothing matched, the buildpack links are shown too, so the person sees why they are not offered.
  const buildpacks = match.matching.length === 0 ? links.filter((link) => deps.catalog.settings(link)?.buildMethod === 'buildpack') : [];
  if (offered.length === 0) {
    void deps.prompter.notify('warning', vscode.l10n.t('Northflank: every service and job linked to {0} builds with buildpacks, so none builds {1}. Link one that builds from a Dockerfile.', folder.name, dockerFilePath), vscode.l10n.t('Link Services')).then(
      (choice) => choice && vscode.commands.executeCommand('northflank.linkServices'),
    );
    return undefined;
  }
  const placeholder =
    match.matching.length > 1
      ? vscode.l10n.t('{0} linked services and jobs build {1}. Your answer is remembered for this Dockerfile.', match.matching.length, dockerFilePath)
      : vscode.l10n.t('No linked service or job is set up to build {0}. Your answer is remembered for this Dockerfile.', dockerFilePath);
  const items: Array<PickItem<BuildableLink>> = [
    ...offered.map((link) => itemFor(deps, link)),
    ...buildpacks.map((link) => ({ ...itemFor(deps, link), disabledReason: vscode.l10n.t('{0} builds with buildpacks, not from a Dockerfile', link.name) })),
  ];
  const chosen = await deps.prompter.pickStep(items, {
    title: place.title(vscode.l10n.t('which service or job builds {0}?', dockerFilePath)),
    placeholder,
    back: place.back,
  });
  if (chosen === undefined || typeof chosen === 'symbol') return chosen;
  await deps.context.workspaceState.update(choiceKey, buildableKey(chosen));
  return { value: chosen, asked: true };
}

/** A right-click needs each link's Dockerfile; what the catalog has not seen yet is read, side by side. */
async function readUnknownSettings(deps: Deps, links: BuildableLink[]): Promise<void> {
  const unknown = links.filter((link) => link.dockerFilePath === undefined && deps.catalog.settings(link) === undefined);
  if (unknown.length === 0) return;
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Reading the linked services…') }, () =>
    Promise.all(unknown.map((link) => readIntoCatalog(deps, link))),
  );
}

function itemFor(deps: Deps, link: BuildableLink, note?: string): PickItem<BuildableLink> {
  const settings = deps.catalog.settings(link);
  const how = settings?.buildMethod === 'buildpack' ? vscode.l10n.t('buildpacks') : (link.dockerFilePath ?? settings?.dockerfile.path);
  return {
    label: link.name,
    description: [link.kind ? kindInWords(link.kind) : undefined, how, note].filter(Boolean).join(' · '),
    value: link,
  };
}
