import type { Deps } from '../deps';
import { signIn } from './signIn';

/** When no team is signed in, asks for a token and carries on; false when the person cancels. */
export async function ensureToken(deps: Deps): Promise<boolean> {
  if (await deps.accounts.has()) return true;
  return (await signIn(deps)) !== undefined;
}
