import vscode = require('vscode');
import type { BuildLogDocuments } from './buildLogDocuments';

export const LOG_SCHEME = 'northflank-build-log';

/**
 * The log documents' provider as activation registers it. What reads, follows and draws a log is
 * `BuildLogDocuments`, in dist/later.js: made when the first log is opened, so that activation
 * compiles none of it.
 */
export class BuildLogs implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private documents: BuildLogDocuments | undefined;
  private forwarding: vscode.Disposable | undefined;

  constructor(private readonly make: () => BuildLogDocuments) {}

  provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    if (!this.documents) {
      this.documents = this.make();
      this.forwarding = this.documents.onDidChange((changed) => this.changed.fire(changed));
    }
    return this.documents.provideTextDocumentContent(uri);
  }

  dispose(): void {
    this.forwarding?.dispose();
    this.documents?.dispose();
    this.changed.dispose();
  }
}
