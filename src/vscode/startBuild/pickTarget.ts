import vscode = require('vscode');
import { StagesOnDisk } from '../../dockerfile/stagesOnDisk';
import { targetChoices, type TargetQuestion } from '../../dockerfile/targetChoices';
import type { Answered, StepPlace } from '../flowSteps';
import type { Prompter } from '../prompter';

/** What to send as `dockerfileTarget`: a stage name, or undefined for none. */
export type TargetAnswer = { target: string | undefined };

/** The window's parsed Dockerfiles, kept between builds. */
const stagesOnDisk = new StagesOnDisk();

/** A Dockerfile's stages, parsed once until it changes. */
export function readStages(fsPath: string): ReturnType<StagesOnDisk['read']> {
  return stagesOnDisk.read(fsPath);
}

/** The target question for a Dockerfile on disk. The extension runs where the files are (no virtual workspaces). */
export async function targetQuestion(fsPath: string, dockerFilePath: string, serviceTarget: string | undefined): Promise<TargetQuestion> {
  return targetChoices(await readStages(fsPath), serviceTarget, dockerFilePath);
}

/**
 * Asks which stage to build, each named for what it sends, with the service's target (or the last
 * stage) preselected. Stages that can't be built are shown with why and can't be chosen.
 */
export async function pickTarget(prompter: Prompter, place: StepPlace, question: TargetQuestion): Promise<Answered<TargetAnswer>> {
  if (question.kind === 'only') return { value: { target: question.choice.target }, asked: false };
  const items = question.choices.map((choice) => ({
    label: choice.disabledReason ? `$(circle-slash) ${choice.label}` : choice.label,
    description: choice.description,
    detail: choice.disabledReason,
    disabledReason: choice.disabledReason,
    value: { target: choice.target },
  }));
  const preselected = items[question.defaultIndex];
  const chosen = await prompter.pickStep(items, {
    title: place.title(vscode.l10n.t('target stage')),
    placeholder: vscode.l10n.t('Which stage of the Dockerfile should be built?'),
    active: (item) => item === preselected,
    back: place.back,
  });
  return chosen === undefined || typeof chosen === 'symbol' ? chosen : { value: chosen, asked: true };
}
