import vscode = require('vscode');
import type { BuildableKind, BuildableRef } from '../../northflank/types';

/** How a person names each kind, in pickers and the Builds view alike; asked each time, as the words are translated. */
export function kindInWords(kind: BuildableKind): string {
  if (kind === 'combined') return vscode.l10n.t('combined service');
  if (kind === 'build') return vscode.l10n.t('build service');
  return vscode.l10n.t('job');
}

/** A service or job a workspace folder builds to. */
export type BuildableLink = BuildableRef & LinkInfo;

export interface LinkInfo {
  /** As Northflank names it; its id until the name is known. */
  name: string;
  /** Unknown for a service the team's settings link by id until it has been read. */
  kind?: BuildableKind;
  /** The Dockerfile the team's settings say this link builds; it wins over the service's own. */
  dockerFilePath?: string;
  /** The team whose token builds it, when known; otherwise the folder's team, else the default account's. */
  teamId?: string;
  /** Shared in `.vscode/settings.json`, or remembered for this person only. */
  origin: 'settings' | 'personal';
}

/** What is remembered of a personal link: ids, with the name and kind to show before anything is read. */
export type StoredLink = BuildableRef & { name: string; kind?: BuildableKind; teamId?: string };
