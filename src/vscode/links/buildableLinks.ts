import vscode = require('vscode');
import { buildableId, buildableKey, refOf, sameBuildable } from '../../northflank/buildableRef';
import type { BuildableRef } from '../../northflank/types';
import { parseLinkSetting, toLinkSettingEntry } from '../../links/linkSetting';
import { LINKS_SETTING, linksSetting } from '../configuration';
import type { BuildableLink, StoredLink } from './buildableLink';
import type { BuildableCatalog } from './catalog';
import { log } from '../log';

const KEY_PREFIX = 'northflank.links:';
/** Before links could be several, a folder remembered one service under this key; it still counts. */
const LEGACY_KEY_PREFIX = 'northflank.serviceLink:';

interface LegacyServiceLink {
  projectId: string;
  serviceId: string;
  serviceName: string;
  serviceType: 'combined' | 'build';
}

/**
 * The services and jobs each workspace folder builds to. The team's links come from the
 * `northflank.links` setting; a person's own, made with Link Services, are remembered per folder and
 * added to them. When both name the same service or job, the setting wins.
 */
export class BuildableLinks implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly state: vscode.Memento,
    private readonly catalog: BuildableCatalog,
  ) {
    this.subscriptions = [
      vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration(LINKS_SETTING) && this.changed.fire()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.changed.fire()),
    ];
  }

  /** The folder's links: the team's first, in the setting's order, then the person's own. */
  forFolder(folder: vscode.WorkspaceFolder): BuildableLink[] {
    const setting = parseLinkSetting(linksSetting(folder.uri));
    this.report(folder, setting.problems);
    const shared = setting.links.map(({ ref, dockerFilePath, teamId }): BuildableLink => {
      const personal = this.personal(folder).find((stored) => sameBuildable(stored, ref));
      return this.describe(ref, personal, 'settings', dockerFilePath, teamId);
    });
    const own = this.personal(folder)
      .filter((stored) => !shared.some((link) => sameBuildable(link, stored)))
      .map((stored) => this.describe(stored, stored, 'personal'));
    return [...shared, ...own];
  }

  /** Problems already told, per folder, so each is said once and not on every read. */
  private readonly told = new Map<string, string>();

  /** A mistake in the team's setting is said once (and logged), with the way to fix it, not dropped silently. */
  private report(folder: vscode.WorkspaceFolder, problems: string[]): void {
    const text = problems.join(' ');
    if (this.told.get(folder.uri.toString()) === text) return;
    this.told.set(folder.uri.toString(), text);
    if (problems.length === 0) return;
    log().warn(`${LINKS_SETTING} of ${folder.name}: ${text}`);
    void vscode.window.showWarningMessage(vscode.l10n.t("Northflank: {0}'s {1} setting has entries that were skipped. {2}", folder.name, LINKS_SETTING, text), vscode.l10n.t('Open Settings')).then(
      (choice) => choice && vscode.commands.executeCommand('workbench.action.openSettings', LINKS_SETTING),
    );
  }

  /** Every folder's links, each service or job once, in folder order. */
  all(): Array<{ folder: vscode.WorkspaceFolder; link: BuildableLink }> {
    const seen = new Set<string>();
    const result: Array<{ folder: vscode.WorkspaceFolder; link: BuildableLink }> = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      for (const link of this.forFolder(folder)) {
        if (seen.has(buildableKey(link))) continue;
        seen.add(buildableKey(link));
        result.push({ folder, link });
      }
    }
    return result;
  }

  find(ref: BuildableRef): { folder: vscode.WorkspaceFolder; link: BuildableLink } | undefined {
    return this.all().find((entry) => sameBuildable(entry.link, ref));
  }

  /** Replaces the person's own links of the folder (the team's setting is left as it is). */
  async setPersonal(folder: vscode.WorkspaceFolder, links: StoredLink[]): Promise<void> {
    await this.state.update(KEY_PREFIX + folder.uri.toString(), links.map(toStored));
    await this.state.update(LEGACY_KEY_PREFIX + folder.uri.toString(), undefined);
    this.changed.fire();
  }

  /**
   * Removes a link. A shared one is removed from the folder's `.vscode/settings.json`, which the
   * person then commits, or not, like any change to the repository.
   */
  async unlink(folder: vscode.WorkspaceFolder, ref: BuildableRef): Promise<void> {
    const remaining = this.personal(folder).filter((stored) => !sameBuildable(stored, ref));
    await this.setPersonal(folder, remaining);
    const shared = parseLinkSetting(linksSetting(folder.uri)).links;
    if (shared.some((link) => sameBuildable(link.ref, ref))) {
      const kept = shared.filter((link) => !sameBuildable(link.ref, ref)).map((link) => toLinkSettingEntry(link.ref, link.dockerFilePath, link.teamId));
      await vscode.workspace.getConfiguration(undefined, folder.uri).update(LINKS_SETTING, kept.length > 0 ? kept : undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    }
  }

  /** Writes the folder's links into its `.vscode/settings.json`, ids and Dockerfiles only, so the team can commit them. */
  async share(folder: vscode.WorkspaceFolder): Promise<number> {
    const links = this.forFolder(folder);
    const entries = links.map((link) => toLinkSettingEntry(refOf(link), link.dockerFilePath, link.teamId));
    await vscode.workspace.getConfiguration(undefined, folder.uri).update(LINKS_SETTING, entries, vscode.ConfigurationTarget.WorkspaceFolder);
    return entries.length;
  }

  /** What this person linked in the folder themselves, as stored. */
  personalLinks(folder: vscode.WorkspaceFolder): StoredLink[] {
    return this.personal(folder);
  }

  private personal(folder: vscode.WorkspaceFolder): StoredLink[] {
    const stored = this.state.get<StoredLink[]>(KEY_PREFIX + folder.uri.toString());
    if (stored) return stored;
    const legacy = this.state.get<LegacyServiceLink>(LEGACY_KEY_PREFIX + folder.uri.toString());
    return legacy ? [{ projectId: legacy.projectId, serviceId: legacy.serviceId, name: legacy.serviceName, kind: legacy.serviceType }] : [];
  }

  private describe(ref: BuildableRef, stored: StoredLink | undefined, origin: BuildableLink['origin'], dockerFilePath?: string, settingTeam?: string): BuildableLink {
    const known = this.catalog.get(ref);
    const teamId = settingTeam ?? stored?.teamId;
    return {
      ...refOf(ref),
      name: known?.name ?? stored?.name ?? buildableId(ref),
      kind: known?.kind ?? stored?.kind ?? ('jobId' in ref ? 'job' : undefined),
      origin,
      ...(dockerFilePath ? { dockerFilePath } : {}),
      ...(teamId ? { teamId } : {}),
    } as BuildableLink;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}

function toStored(link: StoredLink): StoredLink {
  return { ...refOf(link), name: link.name, ...(link.kind ? { kind: link.kind } : {}), ...(link.teamId ? { teamId: link.teamId } : {}) } as StoredLink;
}
