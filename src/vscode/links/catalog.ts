import vscode = require('vscode');
import { buildableKey, buildableServiceKind, isJob } from '../../northflank/buildableRef';
import type { BuildableKind, BuildableRef, BuildSettings, JobDetails, JobSummary, ServiceDetails, ServiceSummary } from '../../northflank/types';
import type { DetailsCache } from '../../links/discovery';

const KEY = 'northflank.catalog';
/** A service's repository and Dockerfile rarely change; discovery trusts what it read this long. */
const SETTINGS_FRESH_MS = 24 * 60 * 60 * 1000;

export interface CatalogEntry {
  name?: string;
  kind?: BuildableKind;
  ciOn?: boolean;
  settings?: BuildSettings;
  settingsReadAt?: number;
}

/**
 * What is known of services and jobs across workspaces: names, kinds and CI from the lists, and build
 * settings from the last read. It lets the Builds view name a link before any request, lets a right-click
 * on a Dockerfile find its service without one, and spares discovery a read per service.
 */
export class BuildableCatalog implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private entries: Record<string, CatalogEntry>;

  constructor(
    private readonly state: vscode.Memento,
    private readonly now: () => number = Date.now,
  ) {
    this.entries = { ...state.get<Record<string, CatalogEntry>>(KEY, {}) };
  }

  get(ref: BuildableRef): CatalogEntry | undefined {
    return this.entries[buildableKey(ref)];
  }

  /** The last build settings read, however old: good enough to match a Dockerfile, not to build with. */
  settings(ref: BuildableRef): BuildSettings | undefined {
    return this.get(ref)?.settings;
  }

  rememberDetails(ref: BuildableRef, details: ServiceDetails | JobDetails): void {
    const { buildSource, repository, dockerfile, buildEngine, buildMethod } = details;
    this.merge(ref, {
      name: details.name,
      kind: kindOf(ref, details),
      ciOn: details.disabledCI === undefined ? undefined : !details.disabledCI,
      settings: { buildSource, repository, dockerfile, buildEngine, buildMethod },
      settingsReadAt: this.now(),
    });
  }

  rememberListed(projectId: string, items: Array<ServiceSummary | JobSummary>, jobs = false): void {
    let changed = false;
    for (const item of items) {
      const ref: BuildableRef = jobs ? { projectId, jobId: item.id } : { projectId, serviceId: item.id };
      const known: BuildableKind | undefined = jobs ? 'job' : buildableServiceKind((item as ServiceSummary).serviceType);
      if (!known) continue;
      changed = this.merge(ref, { name: item.name, kind: known, ciOn: item.disabledCI === undefined ? undefined : !item.disabledCI }, false) || changed;
    }
    if (changed) this.save();
  }

  rememberDiscovered(buildables: Array<{ ref: BuildableRef; name: string; kind: BuildableKind; ciOn: boolean }>): void {
    let changed = false;
    for (const b of buildables) changed = this.merge(b.ref, { name: b.name, kind: b.kind, ciOn: b.ciOn }, false) || changed;
    this.save(changed);
  }

  /** The cache discovery reads from and writes to. */
  asDetailsCache(): DetailsCache {
    return {
      get: (ref) => {
        const entry = this.get(ref);
        return entry?.settings && entry.settingsReadAt !== undefined && this.now() - entry.settingsReadAt < SETTINGS_FRESH_MS ? entry.settings : undefined;
      },
      set: (ref, settings) => this.merge(ref, { settings, settingsReadAt: this.now() }),
    };
  }

  /** True when anything a person sees changed. */
  private merge(ref: BuildableRef, update: CatalogEntry, save = true): boolean {
    const key = buildableKey(ref);
    const before = this.entries[key] ?? {};
    const defined = Object.fromEntries(Object.entries(update).filter(([, value]) => value !== undefined)) as CatalogEntry;
    const after = { ...before, ...defined };
    const visible = before.name !== after.name || before.kind !== after.kind || before.ciOn !== after.ciOn || before.settings?.buildMethod !== after.settings?.buildMethod;
    this.entries[key] = after;
    if (save) this.save(visible);
    return visible;
  }

  private save(visible = true): void {
    void this.state.update(KEY, this.entries);
    if (visible) this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function kindOf(ref: BuildableRef, details: ServiceDetails | JobDetails): BuildableKind | undefined {
  if (isJob(ref)) return 'job';
  return buildableServiceKind('serviceType' in details ? details.serviceType : undefined);
}
