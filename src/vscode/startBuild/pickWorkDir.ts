import vscode = require('vscode');
import { contextChoices } from '../../dockerfile/buildContext';
import type { DockerfileSettings } from '../../northflank/types';
import type { Answered, StepPlace } from '../flowSteps';
import type { Prompter } from '../prompter';

/**
 * The build context: the Dockerfile's own folder, or for the service's own Dockerfile the context
 * configured on the service, with the other offered second. No question when they are one folder.
 */
export async function pickWorkDir(prompter: Prompter, place: StepPlace, dockerFilePath: string, service: DockerfileSettings): Promise<Answered<string>> {
  const choices = contextChoices(dockerFilePath, service);
  if (choices.length === 1) return { value: choices[0].folder, asked: false };
  const chosen = await prompter.pickStep(
    choices.map((choice) => ({
      label: choice.folder,
      description: choice.from === 'dockerfile' ? vscode.l10n.t("the Dockerfile's folder") : service.workDir ? vscode.l10n.t('configured on the service') : vscode.l10n.t('repository root, as configured on the service'),
      value: choice.folder,
    })),
    { title: place.title(vscode.l10n.t('build context')), placeholder: vscode.l10n.t('Which folder is the Docker build context?'), back: place.back },
  );
  return typeof chosen === 'string' ? { value: chosen, asked: true } : chosen;
}

/** Whether `pickWorkDir` would ask for this Dockerfile. */
export function asksWorkDir(dockerFilePath: string, service: DockerfileSettings): boolean {
  return contextChoices(dockerFilePath, service).length > 1;
}
