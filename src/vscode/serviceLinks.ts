import * as vscode from 'vscode';

/** The Northflank service a workspace folder builds to, remembered per folder. */
export interface ServiceLink {
  projectId: string;
  serviceId: string;
  serviceName: string;
  serviceType: 'combined' | 'build';
}

const KEY_PREFIX = 'northflank.serviceLink:';

export class ServiceLinks {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {}

  get(folder: vscode.WorkspaceFolder): ServiceLink | undefined {
    return this.state.get<ServiceLink>(KEY_PREFIX + folder.uri.toString());
  }

  async set(folder: vscode.WorkspaceFolder, link: ServiceLink): Promise<void> {
    await this.state.update(KEY_PREFIX + folder.uri.toString(), link);
    this.changed.fire();
  }

  async unlink(folder: vscode.WorkspaceFolder): Promise<void> {
    await this.state.update(KEY_PREFIX + folder.uri.toString(), undefined);
    this.changed.fire();
  }

  /** Every folder's link, one entry per distinct service. */
  all(): Array<{ folder: vscode.WorkspaceFolder; link: ServiceLink }> {
    const seen = new Set<string>();
    const result: Array<{ folder: vscode.WorkspaceFolder; link: ServiceLink }> = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const link = this.get(folder);
      if (!link) continue;
      const key = `${link.projectId}/${link.serviceId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      result.push({ folder, link });
    }
    return result;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
