import type * as vscode from 'vscode';
import { readFile } from 'node:fs/promises';
import { parseStages } from '../../dockerfile/dockerfileStage';
import { stageTargetProblem } from '../../dockerfile/stageTarget';
import type { Prompter, PickItem } from '../prompter';

const DEFAULT_TARGET = '';

/**
 * Offers "Default (last stage)" and each named stage, with the service's target
 * preselected. Names the API would refuse are shown but can't be chosen.
 * Resolves `undefined` on cancel, '' for the default stage.
 */
export async function pickTarget(prompter: Prompter, dockerfile: vscode.Uri, configuredTarget: string | undefined): Promise<string | undefined> {
  // The extension runs where the files are (no virtual workspaces), so read from disk, not through the workbench.
  const text = await readFile(dockerfile.fsPath, 'utf8');
  const named = parseStages(text).filter((stage) => stage.name);
  if (named.length === 0) return DEFAULT_TARGET;
  const items: Array<PickItem<string>> = [
    { label: 'Default (last stage)', description: configuredTarget ? undefined : 'configured on the service', value: DEFAULT_TARGET },
    ...named.map((stage) => {
      const name = stage.name as string;
      const problem = stageTargetProblem(stage);
      return {
        label: problem ? `$(circle-slash) ${name}` : name,
        description: name === configuredTarget && !problem ? '$(star-full) configured on the service' : `FROM ${stage.baseImage}`,
        detail: problem,
        disabledReason: problem,
        value: name,
      };
    }),
  ];
  return prompter.pick(items, {
    title: 'Start Build: target stage',
    placeholder: 'Which stage of the Dockerfile should be built?',
    // A name an earlier, shadowed stage shares is offered disabled; Enter lands on the one that builds.
    active: (item) => !item.disabledReason && item.value === (configuredTarget ?? DEFAULT_TARGET),
  });
}
