import vscode = require('vscode');
import { NorthflankClient } from '../northflank/client';
import type { Targets } from '../northflank/errors';
import type { RetryOptions } from '../northflank/retryPolicy';
import { apiUrl, affectsApiUrl } from './configuration';
import type { AccountStore } from './auth/accountStore';
import type { FolderTeams } from './auth/folderTeams';
import { log } from './log';

/**
 * Hands out the API client for the configured URL, built on first use (never at activation) and
 * rebuilt when the URL setting changes. Each request carries the token of the team that owns what it
 * asks about (see FolderTeams), so one client serves every signed-in team.
 */
export class Connection implements vscode.Disposable {
  private client: NorthflankClient | undefined;
  private pollingClient: NorthflankClient | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(
    readonly accounts: AccountStore,
    private readonly teams: FolderTeams,
    private readonly userAgent: string,
  ) {
    this.subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      if (affectsApiUrl(event)) this.client = this.pollingClient = undefined;
    });
  }

  /** Throws a NorthflankError of kind `insecureUrl` when the URL setting is refused. */
  api(): NorthflankClient {
    this.client ??= this.create((targets) => this.tokenFor(targets), undefined, 'info');
    return this.client;
  }

  /**
   * For the build watcher: one attempt per request, because the watcher paces
   * itself and a client-side retry would hold a poll open past its schedule.
   */
  polling(): NorthflankClient {
    // Routine polls would fill the log every few seconds: they go at debug level.
    this.pollingClient ??= this.create((targets) => this.tokenFor(targets), { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 }, 'debug');
    return this.pollingClient;
  }

  /** A client for one token: to check a token before it is stored, or to list what one team sees. */
  withToken(token: string): NorthflankClient {
    return this.create(token, undefined, 'info');
  }

  /** The token a request about these targets (a service's or job's ref will do) carries: its team's, else the default account's. */
  async tokenFor(targets: Targets): Promise<string | undefined> {
    return (await this.accounts.forTeam(this.teams.ofTargets(targets)))?.token;
  }

  private create(token: string | ((targets: Targets) => Promise<string | undefined>), retry: RetryOptions | undefined, level: 'info' | 'debug'): NorthflankClient {
    return new NorthflankClient({
      baseUrl: apiUrl(),
      token,
      retry,
      userAgent: this.userAgent,
      onRequest: (entry) => {
        const status = entry.status ?? entry.error ?? 'failed';
        log()[level](`${entry.method} ${entry.path} ${status} ${Math.round(entry.durationMs)} ms`);
      },
    });
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
