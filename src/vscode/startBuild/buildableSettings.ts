import vscode = require('vscode');
import type { BuildableKind, BuildSettings, JobDetails, ServiceDetails } from '../../northflank/types';
import type { Deps } from '../deps';
import type { BuildableLink } from '../links/buildableLink';
import { kindOf } from '../links/catalog';
import { log } from '../log';

/** What Start Build needs to know of a service or job before it asks anything. */
export interface KnownBuildable {
  /** Undefined for a service that runs an image and has no builds. */
  kind: BuildableKind | undefined;
  settings: BuildSettings;
  /** The service's type as read, to say why it can't be built. */
  serviceType?: string;
  /** Taken from the catalog, not read for this build: read again after it. */
  cached: boolean;
}

/**
 * The link's kind and build settings. Once known (Link Services and every earlier build read them) they
 * come from the catalog at once, so Start Build waits for no request before its own; they are read
 * again after the build (`rereadSettings`), so a change made in Northflank is used from the next build
 * on, or from this one's retry when Northflank refuses a field. Read now when not known yet.
 */
export async function buildableSettings(deps: Deps, link: BuildableLink): Promise<KnownBuildable> {
  const cached = cachedSettings(deps, link);
  if (cached) return cached;
  const details = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Reading {0}…', link.name) }, () => readIntoCatalog(deps, link));
  return { kind: link.kind ?? kindOf(link, details), settings: details, serviceType: 'serviceType' in details ? details.serviceType : undefined, cached: false };
}

/** The link's kind and settings from the catalog, when both are known. */
export function cachedSettings(deps: Deps, link: BuildableLink): KnownBuildable | undefined {
  const entry = deps.catalog.get(link);
  const kind = link.kind ?? entry?.kind;
  return entry?.settings && kind ? { kind, settings: entry.settings, cached: true } : undefined;
}

/**
 * Reads the settings again and keeps them for the next build; true when they differ, in what a build
 * sends, from `used`. A failure is logged, not shown: the build itself has been dealt with.
 */
export async function rereadSettings(deps: Deps, link: BuildableLink, used: BuildSettings): Promise<boolean> {
  try {
    const details = await readIntoCatalog(deps, link);
    return buildShape(details) !== buildShape(used);
  } catch (error) {
    log().warn(`Could not read ${link.name}'s build settings again: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}

/** Reads the service or job, and keeps what the catalog keeps of it. */
export async function readIntoCatalog(deps: Deps, link: BuildableLink): Promise<ServiceDetails | JobDetails> {
  const details = await deps.connection.api().getBuildable(link);
  deps.catalog.rememberDetails(link, details);
  return details;
}

/** The settings that change what Start Build asks and sends. */
function buildShape(settings: BuildSettings): string {
  const { path, workDir, target } = settings.dockerfile ?? {};
  return JSON.stringify([settings.buildMethod, path, workDir, target]);
}
