import vscode = require('vscode');
import { randomUUID } from 'node:crypto';
import type { TokenOwner } from '../../northflank/tokenOwner';

/** One signed-in Northflank team: a token and who it speaks for. */
export interface Account extends TokenOwner {
  /** The session id VS Code's Accounts menu knows it by. */
  id: string;
  token: string;
}

const ACCOUNTS_KEY = 'northflank.accounts';
/** Before several teams could be signed in, the one token lived here; it is read once and moved. */
const LEGACY_TOKEN_KEY = 'northflank.apiToken';
const LEGACY_TEAM_KEY = 'northflank.teamId';

/**
 * The signed-in accounts, one per team, tokens and all, in SecretStorage only. Other windows that
 * change them fire `secrets.onDidChange`, so every window follows without a reload. The first account
 * signed in is the default: it builds every folder and link that names no team.
 */
export class AccountStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;
  /** SecretStorage is a round trip to the main process (to the browser in code-server): keep the answer until it changes. */
  private cached: Promise<Account[]> | undefined;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly globalState: vscode.Memento,
  ) {
    // A window hears its own writes here too, after write() has said so: only a change it did not make is news.
    this.subscription = secrets.onDidChange(async (event) => {
      if (event.key !== ACCOUNTS_KEY) return;
      const known = this.cached;
      this.cached = undefined;
      const [before, now] = await Promise.all([known?.catch(() => undefined), this.list().catch(() => undefined)]);
      if (JSON.stringify(before) !== JSON.stringify(now)) this.changed.fire();
    });
  }

  list(): Promise<Account[]> {
    this.cached ??= this.read().catch((error: unknown) => {
      this.cached = undefined;
      throw error;
    });
    return this.cached;
  }

  async has(): Promise<boolean> {
    return (await this.list()).length > 0;
  }

  /** The account of this team, else the default one; undefined when signed out. */
  async forTeam(teamId: string | undefined): Promise<Account | undefined> {
    const accounts = await this.list();
    return accounts.find((account) => teamId !== undefined && account.teamId === teamId) ?? accounts[0];
  }

  /** The default account's token. */
  async get(): Promise<string | undefined> {
    return (await this.list())[0]?.token;
  }

  /** Signs a team in; a new token for a team already signed in replaces the old one, in its place. */
  async add(token: string, owner: TokenOwner): Promise<Account> {
    const accounts = await this.list();
    const same = accounts.findIndex((account) => sameOwner(account, owner));
    const account: Account = { id: same >= 0 ? accounts[same].id : randomUUID(), token, ...owner };
    const next = same >= 0 ? accounts.map((existing, index) => (index === same ? account : existing)) : [...accounts, account];
    await this.write(next);
    return account;
  }

  /** Signs one account out; resolves to what was removed. */
  async remove(id: string): Promise<Account | undefined> {
    const accounts = await this.list();
    const removed = accounts.find((account) => account.id === id);
    if (removed) await this.write(accounts.filter((account) => account !== removed));
    return removed;
  }

  async clear(): Promise<void> {
    await this.write([]);
  }

  private async write(accounts: Account[]): Promise<void> {
    this.cached = Promise.resolve(accounts);
    if (accounts.length === 0) await this.secrets.delete(ACCOUNTS_KEY);
    else await this.secrets.store(ACCOUNTS_KEY, JSON.stringify(accounts));
    // Stored from here: this window may not hear its own change before it draws.
    this.changed.fire();
  }

  private async read(): Promise<Account[]> {
    const stored = await this.secrets.get(ACCOUNTS_KEY);
    if (stored !== undefined) return parseAccounts(stored);
    const legacy = await this.secrets.get(LEGACY_TOKEN_KEY);
    if (!legacy) return [];
    const teamId = this.globalState.get<string>(LEGACY_TEAM_KEY);
    const moved: Account[] = [{ id: randomUUID(), token: legacy, label: teamId ?? vscode.l10n.t('Northflank API token'), ...(teamId ? { teamId } : {}) }];
    await this.secrets.store(ACCOUNTS_KEY, JSON.stringify(moved));
    await this.secrets.delete(LEGACY_TOKEN_KEY);
    return moved;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function sameOwner(account: Account, owner: TokenOwner): boolean {
  return owner.teamId !== undefined ? account.teamId === owner.teamId : account.teamId === undefined && account.label === owner.label;
}

/** What another version or a hand edit left must not break sign-in: unusable entries are dropped. */
function parseAccounts(text: string): Account[] {
  try {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value)) return [];
    return value.filter(
      (entry): entry is Account =>
        typeof entry === 'object' && entry !== null && typeof entry.id === 'string' && typeof entry.token === 'string' && entry.token !== '' && typeof entry.label === 'string',
    );
  } catch {
    return [];
  }
}
