import type { TokenInfo } from './types';

/** Who a token speaks for, as the sign-in check reported it. */
export interface TokenOwner {
  /** The team (or organisation) slug; `/v1/login` does not say, so it can be unknown. */
  teamId?: string;
  /** How the Accounts menu names the session. */
  label: string;
  /** The token's own name in Northflank, to tell two tokens apart. */
  tokenName?: string;
}

/**
 * Names a session after the team or organisation the token belongs to, as people know their
 * teams; the token's own name only when nothing better is known.
 */
export function tokenOwner(info: TokenInfo): TokenOwner {
  const teamId = info.entityId?.trim() || undefined;
  const tokenName = info.name?.trim() || undefined;
  const label = teamId ? (info.entityType === 'org' ? `${teamId} (organisation)` : teamId) : (tokenName ?? 'Northflank API token');
  return { label, ...(teamId ? { teamId } : {}), ...(tokenName ? { tokenName } : {}) };
}
