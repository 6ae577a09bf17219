import vscode = require('vscode');
import type { Deps } from '../deps';
import type { Account } from './accountStore';
import { signIn } from './signIn';

export const AUTH_PROVIDER_ID = 'northflank';

/**
 * Northflank in VS Code's Accounts menu: one session per signed-in team, listed there, signed in and out
 * there, and open to other extensions that ask for a Northflank session. The tokens stay in the
 * AccountStore's secret storage; this only shows them as sessions.
 */
export class NorthflankAuthProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];
  /** The sessions last announced, to tell VS Code exactly which were added, removed or changed. */
  private known: Promise<Map<string, Account>>;

  constructor(private readonly deps: Deps) {
    this.known = this.snapshot();
    this.subscriptions = [deps.accounts.onDidChange(() => void this.announce())];
  }

  async getSessions(): Promise<vscode.AuthenticationSession[]> {
    return (await this.deps.accounts.list()).map(toSession);
  }

  /** The Accounts menu's "Sign in with Northflank", or another extension asking for a session. */
  async createSession(): Promise<vscode.AuthenticationSession> {
    const account = await signIn(this.deps, { offerNextStep: true });
    if (!account) throw new vscode.CancellationError();
    return toSession(account);
  }

  async removeSession(sessionId: string): Promise<void> {
    await this.deps.accounts.remove(sessionId);
  }

  private async announce(): Promise<void> {
    const before = await this.known;
    this.known = this.snapshot();
    const after = await this.known;
    const added = [...after.values()].filter((account) => !before.has(account.id));
    const removed = [...before.values()].filter((account) => !after.has(account.id));
    const changed = [...after.values()].filter((account) => {
      const old = before.get(account.id);
      return old !== undefined && (old.token !== account.token || old.label !== account.label);
    });
    if (added.length + removed.length + changed.length === 0) return;
    this.changed.fire({ added: added.map(toSession), removed: removed.map(toSession), changed: changed.map(toSession) });
  }

  private async snapshot(): Promise<Map<string, Account>> {
    const accounts = await this.deps.accounts.list().catch(() => []);
    return new Map(accounts.map((account) => [account.id, account]));
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}

function toSession(account: Account): vscode.AuthenticationSession {
  return { id: account.id, accessToken: account.token, account: { id: account.teamId ?? account.id, label: account.label }, scopes: [] };
}

/**
 * Registers the provider, and while no team is signed in asks VS Code for a session without
 * prompting, which puts "Sign in with Northflank" in the Accounts menu. No request is made.
 */
export function registerAuthProvider(deps: Deps): vscode.Disposable[] {
  const provider = new NorthflankAuthProvider(deps);
  deps.authProvider = provider;
  const registration = vscode.authentication.registerAuthenticationProvider(AUTH_PROVIDER_ID, 'Northflank', provider, { supportsMultipleAccounts: true });
  const offerSignIn = () =>
    void deps.accounts.has().then((signedIn) => {
      if (!signedIn) void vscode.authentication.getSession(AUTH_PROVIDER_ID, [], { createIfNone: false });
    });
  offerSignIn();
  return [provider, registration, deps.accounts.onDidChange(offerSignIn)];
}
