import vscode = require('vscode');
import type { RepositoryHead } from '../../git/repositoryState';
import type { NorthflankClient } from '../../northflank/client';
import type { BuildableKind, ServiceRef } from '../../northflank/types';
import type { BuildableLink } from '../links/buildableLink';
import type { Answered, StepPlace } from '../flowSteps';
import { BACK, type Prompter, type PickItem } from '../prompter';

/** What to build: a combined service or a job builds the commit, a build service a branch or a pull request. */
export type BuildSource =
  | { kind: 'commit'; sha: string; branch?: string }
  | { kind: 'branch'; branch: string }
  | { kind: 'pullRequest'; pullRequestId: number; branch?: string };

/** The request fields for a source: a pull request is sent without its branch, as the API wants exactly one. */
export function sourceFields(source: BuildSource): { sha?: string; branch?: string; pullRequestId?: number } {
  switch (source.kind) {
    case 'commit':
      return { sha: source.sha };
    case 'branch':
      return { branch: source.branch };
    case 'pullRequest':
      return { pullRequestId: source.pullRequestId };
  }
}

/** How the source is named to a person: `main`, `PR #12`. */
export function sourceName(source: BuildSource): string | undefined {
  return source.kind === 'pullRequest' ? vscode.l10n.t('PR #{0}', source.pullRequestId) : source.branch;
}

type Choice = BuildSource | 'other';

export async function chooseSource(
  prompter: Prompter,
  place: StepPlace,
  api: NorthflankClient,
  link: BuildableLink,
  kind: BuildableKind,
  repository: RepositoryHead,
): Promise<Answered<BuildSource>> {
  if (kind !== 'build' || !('serviceId' in link)) return { value: { kind: 'commit', sha: repository.sha, branch: repository.branch }, asked: false };
  const pullRequests = await api.listPullRequests(link, { perPage: 100 });
  const own = repository.branch ? pullRequests.items.filter((pr) => pr.source === repository.branch) : [];
  const items: Array<PickItem<Choice>> = [];
  if (repository.branch) items.push({ label: `$(git-branch) ${repository.branch}`, description: vscode.l10n.t('current branch'), value: { kind: 'branch', branch: repository.branch } });
  for (const pr of own) {
    items.push({ label: `$(git-pull-request) #${pr.id} ${pr.title ?? ''}`.trim(), description: `${pr.source} → ${pr.destination}`, value: { kind: 'pullRequest', pullRequestId: Number(pr.id), branch: pr.source } });
  }
  items.push({ label: vscode.l10n.t('$(list-selection) Another branch or pull request…'), value: 'other' });
  for (;;) {
    const choice = await prompter.pickStep(items, {
      title: place.title(vscode.l10n.t('what should {0} build?', link.name)),
      placeholder: repository.branch ? vscode.l10n.t('Build services build a branch or a pull request') : vscode.l10n.t('HEAD is detached: choose a branch or pull request'),
      back: place.back,
    });
    if (choice === undefined || choice === BACK) return choice;
    if (choice !== 'other') return { value: choice, asked: true };
    const other = await pickOther(prompter, place, api, link);
    // Back from the full list returns to the short one.
    if (other !== BACK) return other && { value: other, asked: true };
  }
}

async function pickOther(prompter: Prompter, place: StepPlace, api: NorthflankClient, ref: ServiceRef): Promise<BuildSource | typeof BACK | undefined> {
  const [branches, pullRequests] = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Loading branches and pull requests…') },
    () => Promise.all([api.listBranches(ref, { perPage: 100 }), api.listPullRequests(ref, { perPage: 100 })]),
  );
  const items: Array<PickItem<BuildSource>> = [
    { label: vscode.l10n.t('Pull requests'), kind: vscode.QuickPickItemKind.Separator, value: { kind: 'branch', branch: '' } },
    ...pullRequests.items.map((pr) => ({
      label: `$(git-pull-request) #${pr.id} ${pr.title ?? ''}`.trim(),
      description: `${pr.source} → ${pr.destination}`,
      value: { kind: 'pullRequest' as const, pullRequestId: Number(pr.id), branch: pr.source },
    })),
    { label: vscode.l10n.t('Branches'), kind: vscode.QuickPickItemKind.Separator, value: { kind: 'branch', branch: '' } },
    ...branches.items.map((branch) => ({ label: `$(git-branch) ${branch.name}`, description: branch.commit?.sha?.slice(0, 7), value: { kind: 'branch' as const, branch: branch.name } })),
  ];
  return prompter.pickStep(items, { title: place.title(vscode.l10n.t('branch or pull request')), placeholder: vscode.l10n.t('Type to filter'), back: true });
}
