import * as vscode from 'vscode';

const SECRET_KEY = 'northflank.apiToken';

/**
 * The API token lives only in SecretStorage. Other windows that change it fire
 * `secrets.onDidChange`, so every window follows without a reload.
 */
export class TokenStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<boolean>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;
  /** Each request asks for the token; SecretStorage is a round trip to the main process, so keep the answer until it changes. */
  private cached: Promise<string | undefined> | undefined;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange(async (event) => {
      if (event.key !== SECRET_KEY) return;
      this.cached = undefined;
      this.changed.fire(await this.has());
    });
  }

  get(): Promise<string | undefined> {
    this.cached ??= Promise.resolve(this.secrets.get(SECRET_KEY)).catch((error: unknown) => {
      this.cached = undefined;
      throw error;
    });
    return this.cached;
  }

  async has(): Promise<boolean> {
    return Boolean(await this.get());
  }

  async set(token: string): Promise<void> {
    this.cached = undefined;
    await this.secrets.store(SECRET_KEY, token);
  }

  async clear(): Promise<void> {
    this.cached = undefined;
    await this.secrets.delete(SECRET_KEY);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
