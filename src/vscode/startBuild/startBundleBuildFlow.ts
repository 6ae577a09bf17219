import vscode = require('vscode');
import { validateBuildRequest } from '../../build/buildRequest';
import type { Build } from '../../northflank/types';
import type { Deps } from '../deps';
import { chooseBuildable, mayAskBuildable } from './chooseBuildable';
import type { BuildableLink } from '../links/buildableLink';
import { askForBuildArguments } from '../configuration';
import { runSteps } from '../flowSteps';
import { BACK } from '../prompter';
import { ensureToken } from '../auth/ensureToken';
import { chooseBuildArguments } from './buildArguments';
import { sendBuild } from './sendBuild';
import { showInvalid } from './startBuildFlow';
import { pickWorkspaceFolder } from '../workspaceFolder';

/** Builds a tar archive at a URL instead of a commit: no git involved. */
export async function startBundleBuildFlow(deps: Deps): Promise<Build | undefined> {
  if (!(await ensureToken(deps))) return undefined;
  const folder = await pickWorkspaceFolder(deps.prompter, vscode.l10n.t('Build for which folder?'));
  if (!folder) return undefined;
  let link: BuildableLink | undefined;
  let bundleUrl = '';
  let buildArguments: Record<string, string> = {};
  const done = await runSteps(vscode.l10n.t('Start Build from Bundle URL'), [
    {
      mayAsk: () => mayAskBuildable(deps, folder),
      run: async (place) => {
        const chosen = await chooseBuildable(deps, place, folder, undefined);
        if (chosen === undefined || chosen === BACK) return chosen;
        if ('jobId' in chosen.value) {
          void deps.prompter.notify('error', vscode.l10n.t('Northflank: {0} is a job, and jobs build commits of their repository, not bundles. Choose a service.', chosen.value.name));
          return undefined;
        }
        link = chosen.value;
        return chosen.asked ? 'asked' : 'skipped';
      },
    },
    {
      mayAsk: () => true,
      run: async (place) => {
        const kind = link?.kind ?? 'combined';
        const entered = await deps.prompter.inputStep({
          title: place.title(vscode.l10n.t('bundle URL')),
          prompt: vscode.l10n.t('The http(s) address of a tar archive of the source to build.'),
          placeHolder: 'https://example.com/archive.tar',
          value: bundleUrl,
          validateInput: (value) => {
            if (!value.trim()) return vscode.l10n.t('Enter the address of a tar archive, or press Escape to cancel.');
            const check = validateBuildRequest({ bundleUrl: value.trim() }, { kind });
            return check.ok ? undefined : check.errors.map((e) => e.message).join(' ');
          },
          back: place.back,
        });
        if (entered === undefined || entered === BACK) return entered;
        bundleUrl = entered.trim();
        return bundleUrl ? 'asked' : undefined;
      },
    },
    {
      mayAsk: () => askForBuildArguments(folder.uri),
      run: async (place) => {
        const chosen = await chooseBuildArguments(deps.prompter, place, folder.uri);
        if (chosen === undefined || chosen === BACK) return chosen;
        buildArguments = chosen.value;
        return chosen.asked ? 'asked' : 'skipped';
      },
    },
  ]);
  if (!done || !link) return undefined;
  const validation = validateBuildRequest({ bundleUrl, buildArguments }, { kind: link.kind ?? 'combined' });
  if (!validation.ok) {
    showInvalid(deps.prompter, validation.errors);
    return undefined;
  }
  return sendBuild(deps, link, validation.body, vscode.Uri.parse(bundleUrl).path.split('/').pop() || vscode.l10n.t('bundle'));
}
