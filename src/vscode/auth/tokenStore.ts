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

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange(async (event) => {
      if (event.key !== SECRET_KEY) return;
      this.changed.fire(await this.has());
    });
  }

  get(): Promise<string | undefined> {
    return Promise.resolve(this.secrets.get(SECRET_KEY));
  }

  async has(): Promise<boolean> {
    return Boolean(await this.get());
  }

  async set(token: string): Promise<void> {
    await this.secrets.store(SECRET_KEY, token);
  }

  async clear(): Promise<void> {
    await this.secrets.delete(SECRET_KEY);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
