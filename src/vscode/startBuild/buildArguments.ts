import vscode = require('vscode');
import { askForBuildArguments, buildArguments } from '../configuration';
import type { Answered, StepPlace } from '../flowSteps';
import { BACK, type Prompter } from '../prompter';

/**
 * Build arguments from `northflank.buildArguments`, plus any entered at start
 * when `northflank.askForBuildArguments` is on. Undefined means cancelled.
 */
export async function chooseBuildArguments(prompter: Prompter, place: StepPlace, scope: vscode.Uri): Promise<Answered<Record<string, string>>> {
  const fromSettings = buildArguments(scope);
  if (!askForBuildArguments(scope)) return { value: fromSettings, asked: false };
  const entered = await prompter.inputStep({
    title: place.title(vscode.l10n.t('build arguments')),
    prompt: vscode.l10n.t('Extra build arguments as KEY=value, separated by commas. Leave empty for none.'),
    placeHolder: vscode.l10n.t('NODE_ENV=production, VERSION=1.2.3'),
    validateInput: (value) => parseBuildArguments(value).error,
    back: place.back,
  });
  if (entered === undefined || entered === BACK) return entered;
  return { value: { ...fromSettings, ...parseBuildArguments(entered).values }, asked: true };
}

export function parseBuildArguments(text: string): { values: Record<string, string>; error?: string } {
  const values: Record<string, string> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const equals = part.indexOf('=');
    if (equals <= 0) return { values, error: vscode.l10n.t('"{0}" is not KEY=value.', part) };
    values[part.slice(0, equals).trim()] = part.slice(equals + 1).trim();
  }
  return { values };
}
