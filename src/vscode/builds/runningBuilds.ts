import vscode = require('vscode');
import { buildSourceLabel, isConcluded } from '../../northflank/buildStatus';
import type { Build } from '../../northflank/types';
import type { Deps } from '../deps';
import { showError } from '../errorPresenter';
import type { BuildableLink } from '../links/buildableLink';
import type { PickItem } from '../prompter';
import { abortBuild, viewLogs } from './buildActions';
import type { LinkBuilds } from './buildStore';

export interface RunningBuild {
  link: BuildableLink;
  build: Build;
}

type Choice = { action: 'log' | 'abort'; running: RunningBuild } | { action: 'start' };

/** The builds of this window's links that have not concluded, in the order the groups list them. */
export function runningBuilds(groups: LinkBuilds[]): RunningBuild[] {
  return groups.flatMap((group) => group.builds.filter((build) => !isConcluded(build)).map((build) => ({ link: group.link, build })));
}

/** "Web building main@1a2b3c4": how the status bar's pick names a running build. */
export function runningBuildLabel({ link, build }: RunningBuild): string {
  return vscode.l10n.t('{0} building {1}', link.name, buildSourceLabel(build));
}

/**
 * A click on the status bar item. While builds of this window's links run, it offers each one's log
 * and abort, then another build; otherwise it starts a build, as the item always did.
 */
export async function statusBarClick(deps: Deps): Promise<unknown> {
  const running = runningBuilds(deps.builds.groups());
  if (running.length === 0) return vscode.commands.executeCommand('northflank.startBuild');
  const several = running.length > 1;
  const items: Array<PickItem<Choice | undefined>> = running.flatMap((one): Array<PickItem<Choice | undefined>> => {
    // With several builds, a heading names each one; the description lets typing find a build by name too.
    const description = several ? runningBuildLabel(one) : undefined;
    return [
      ...(several ? [{ label: runningBuildLabel(one), kind: vscode.QuickPickItemKind.Separator, value: undefined }] : []),
      { label: vscode.l10n.t('$(output) Show Log'), description, value: { action: 'log', running: one } },
      { label: vscode.l10n.t('$(debug-stop) Abort Build'), description, value: { action: 'abort', running: one } },
    ];
  });
  if (several) items.push({ label: '', kind: vscode.QuickPickItemKind.Separator, value: undefined });
  items.push({ label: vscode.l10n.t('$(play) Start Another Build…'), value: { action: 'start' } });
  const choice = await deps.prompter.pick(items, {
    title: several ? vscode.l10n.t('Northflank: {0} builds running', running.length) : vscode.l10n.t('Northflank: {0}', runningBuildLabel(running[0])),
    placeholder: several ? vscode.l10n.t('Show the log of a build, abort it, or start another build') : vscode.l10n.t('Show its log, abort it, or start another build'),
  });
  if (!choice) return undefined;
  if (choice.action === 'start') return vscode.commands.executeCommand('northflank.startBuild');
  const { link, build } = choice.running;
  try {
    // The build as the store knows it now: it may have concluded while the pick was open.
    const current = deps.builds.find(link, build.id) ?? build;
    if (choice.action === 'log') await viewLogs(deps, link, build.id);
    else await abortBuild(deps, link, current);
  } catch (error) {
    await showError(deps.prompter, error);
  }
  return undefined;
}

/** The last line of the status bar item's tooltip: what a click does now. */
export function clickHint(running: RunningBuild[], unreachable: boolean): string {
  if (running.length === 1) return vscode.l10n.t("Click to show the running build's log, abort it, or start another build.");
  if (running.length > 1) return vscode.l10n.t('Click to show the log of one of the {0} running builds, abort it, or start another build.', running.length);
  return unreachable ? vscode.l10n.t('Click to start a build anyway.') : vscode.l10n.t('Click to start a build.');
}
