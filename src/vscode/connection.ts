import * as vscode from 'vscode';
import { NorthflankClient } from '../northflank/client';
import type { RetryOptions } from '../northflank/retryPolicy';
import { apiUrl, affectsApiUrl } from './configuration';
import { TokenStore } from './auth/tokenStore';
import { log } from './log';

/**
 * Hands out the API client for the configured URL, built on first use (never at
 * activation) and rebuilt when the URL setting changes.
 */
export class Connection implements vscode.Disposable {
  private client: NorthflankClient | undefined;
  private pollingClient: NorthflankClient | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(
    readonly tokens: TokenStore,
    private readonly userAgent: string,
  ) {
    this.subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      if (affectsApiUrl(event)) this.client = this.pollingClient = undefined;
    });
  }

  /** Throws a NorthflankError of kind `insecureUrl` when the URL setting is refused. */
  api(): NorthflankClient {
    this.client ??= this.create(() => this.tokens.get(), undefined, 'info');
    return this.client;
  }

  /**
   * For the build watcher: one attempt per request, because the watcher paces
   * itself and a client-side retry would hold a poll open past its schedule.
   */
  polling(): NorthflankClient {
    // Routine polls would fill the log every few seconds: they go at debug level.
    this.pollingClient ??= this.create(() => this.tokens.get(), { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 }, 'debug');
    return this.pollingClient;
  }

  /** A client for a token that is not stored yet, to check it before saving. */
  withToken(token: string): NorthflankClient {
    return this.create(token, undefined, 'info');
  }

  private create(token: string | (() => Promise<string | undefined>), retry: RetryOptions | undefined, level: 'info' | 'debug'): NorthflankClient {
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
