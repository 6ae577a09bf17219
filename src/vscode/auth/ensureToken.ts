import type { Deps } from '../deps';
import { setToken } from './setToken';

/** With no token stored, asks for one and carries on; false when the user cancels. */
export async function ensureToken(deps: Deps): Promise<boolean> {
  if (await deps.tokens.has()) return true;
  return setToken(deps);
}
