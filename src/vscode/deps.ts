import type * as vscode from 'vscode';
import type { Connection } from './connection';
import type { AccountStore } from './auth/accountStore';
import type { FolderTeams } from './auth/folderTeams';
import type { BuildableLinks } from './links/buildableLinks';
import type { BuildableCatalog } from './links/catalog';
import type { Prompter } from './prompter';
import type { BuildStore } from './builds/buildStore';
import type { BuildsTreeProvider } from './builds/buildsTreeProvider';
import type { PushSearchTiming } from '../watch/pushSearch';
import type { NorthflankAuthProvider } from './auth/authProvider';

/** What the commands share; built once by startCore (core.ts), cheap to construct. */
export interface Deps {
  context: vscode.ExtensionContext;
  /** The signed-in Northflank teams and their tokens. */
  accounts: AccountStore;
  /** Which team builds each folder and link. */
  teams: FolderTeams;
  connection: Connection;
  links: BuildableLinks;
  catalog: BuildableCatalog;
  prompter: Prompter;
  builds: BuildStore;
  /** What the Builds view draws; set when the view is registered, read by the integration tests. */
  buildsTree?: BuildsTreeProvider;
  /** What the Accounts menu calls; set when it is registered, read by the integration tests. */
  authProvider?: NorthflankAuthProvider;
  /** How a search after a push is paced; unset, the default. The integration tests set a quicker one. */
  pushSearchTiming?: PushSearchTiming;
}
