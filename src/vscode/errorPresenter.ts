import vscode = require('vscode');
import { NorthflankError } from '../northflank/northflankError';
import { log } from './log';
import type { Prompter } from './prompter';

const DOCS_URL = 'https://northflank.com/docs/v1/api/services/start-service-build';

/**
 * Shows a failure as a person-readable message with the one action that fixes it.
 * Anything that is not one of our typed errors is logged, never shown as a stack.
 * Resolves once the message is shown, not when it is answered: a flow that awaits it must
 * end (and let the next Start Build run) while the message is still on screen.
 */
export async function showError(prompter: Prompter, error: unknown, prefix = 'Northflank'): Promise<void> {
  if (!(error instanceof NorthflankError)) {
    log().error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    const detail = error instanceof Error ? error.message : String(error);
    void prompter.notify('error', vscode.l10n.t('{0}: something unexpected went wrong ({1}). See the Northflank output for details.', prefix, detail));
    return;
  }
  log().warn(`${error.kind}: ${error.message}`);
  const actions = actionsFor(error);
  void prompter.notify('error', vscode.l10n.t('{0}: {1}', prefix, error.message), ...actions.map((a) => a.title)).then((choice) => {
    const chosen = actions.find((a) => a.title === choice);
    if (chosen) void chosen.run();
  });
}

interface Action {
  title: string;
  run(): Thenable<unknown>;
}

function actionsFor(error: NorthflankError): Action[] {
  const command = (title: string, id: string): Action => ({ title, run: () => vscode.commands.executeCommand(id) });
  switch (error.kind) {
    case 'unauthorized':
      return [command(vscode.l10n.t('Sign In'), 'northflank.setToken')];
    case 'forbidden':
      return [command(vscode.l10n.t('Sign In'), 'northflank.setToken'), { title: vscode.l10n.t('Open Docs'), run: () => vscode.env.openExternal(vscode.Uri.parse(DOCS_URL)) }];
    case 'notFound':
      return [command(vscode.l10n.t('Link Services'), 'northflank.linkServices')];
    case 'invalid':
      return [{ title: vscode.l10n.t('Open Docs'), run: () => vscode.env.openExternal(vscode.Uri.parse(DOCS_URL)) }];
    case 'insecureUrl':
      return [{ title: vscode.l10n.t('Open Settings'), run: () => vscode.commands.executeCommand('workbench.action.openSettings', 'northflank.apiUrl') }];
    default:
      return [];
  }
}
