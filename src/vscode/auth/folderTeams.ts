import type * as vscode from 'vscode';
import type { Targets } from '../../northflank/errors';
import type { BuildableLinks } from '../links/buildableLinks';

const KEY_PREFIX = 'northflank.team:';

/**
 * Which signed-in team builds what. A link made with a team's token keeps that team, and so does a
 * team's entry in `northflank.links` (`"team"`); a folder remembers the team chosen for it; anything
 * else goes to the default account. So links to two teams' services work side by side.
 */
export class FolderTeams {
  constructor(
    private readonly state: vscode.Memento,
    private readonly links: BuildableLinks,
  ) {}

  ofFolder(folder: vscode.WorkspaceFolder): string | undefined {
    return this.state.get<string>(KEY_PREFIX + folder.uri.toString());
  }

  remember(folder: vscode.WorkspaceFolder, teamId: string | undefined): Thenable<void> {
    return this.state.update(KEY_PREFIX + folder.uri.toString(), teamId);
  }

  /** The team whose token a request about these targets carries; undefined for the default account. */
  ofTargets(targets: Targets): string | undefined {
    if (targets.projectId === undefined) return undefined;
    const id = targets.serviceId ?? targets.jobId;
    const entries = this.links.all().filter(({ link }) => link.projectId === targets.projectId);
    const entry = entries.find(({ link }) => ('jobId' in link ? link.jobId : link.serviceId) === id) ?? entries[0];
    if (!entry) return undefined;
    return entry.link.teamId ?? this.ofFolder(entry.folder);
  }
}
