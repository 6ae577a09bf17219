import type { DockerfileStage } from './dockerfileStage';
import { stageTargetProblem } from './stageTarget';

export interface TargetChoice {
  label: string;
  description?: string;
  /** The `dockerfileTarget` to send; undefined sends none, so Northflank builds what the service builds. */
  target: string | undefined;
  /** Shown, but refused with this reason when chosen. */
  disabledReason?: string;
}

export type TargetQuestion =
  /** Ask, with `choices[defaultIndex]` preselected. */
  | { kind: 'ask'; choices: TargetChoice[]; defaultIndex: number }
  /**
   * One choice can be built: no question. With a warning when even that one will not build what the
   * person likely wants (see `targetChoices`).
   */
  | { kind: 'only'; choice: TargetChoice; warning?: string };

/**
 * The stages a person can build from a Dockerfile, named for what each sends. With a target configured
 * on the service, sending no target builds that one, not the last stage, so "the service's target" is
 * its own choice and every other stage is sent by name. Without one, the last stage is what Northflank
 * builds with no target, so choosing it sends none. A stage the API or Docker would refuse, or one that
 * cannot be named, is listed with the reason and cannot be chosen.
 */
export function targetChoices(stages: DockerfileStage[], serviceTarget: string | undefined, dockerFilePath: string): TargetQuestion {
  const last = stages[stages.length - 1];
  if (!last) return { kind: 'only', choice: { label: 'Default', target: undefined } };
  const choices = serviceTarget === undefined ? withoutServiceTarget(stages, last) : withServiceTarget(stages, last, serviceTarget, dockerFilePath);
  const enabled = choices.filter((choice) => !choice.disabledReason);
  if (enabled.length === 0) {
    // No target can be sent, so Northflank looks for the service's: sent as asked, but said first.
    return {
      kind: 'only',
      choice: { label: labelOf(last), target: undefined },
      warning:
        `${dockerFilePath} has no stage named "${serviceTarget}", the service's target, and no named stage to build instead, so it is sent with no target and Northflank looks for "${serviceTarget}". ` +
        `Name a stage ("FROM … AS <name>") to build it, or build the service's own Dockerfile.`,
    };
  }
  if (enabled.length === 1) return { kind: 'only', choice: enabled[0] };
  // The service's target when this Dockerfile has it, else the last stage (listed last), as a plain build would.
  const lastStage = choices[choices.length - 1];
  const preferred = serviceTarget === undefined ? [lastStage] : [choices[0], lastStage];
  const defaultChoice = preferred.find((choice) => choice && !choice.disabledReason) ?? enabled[0];
  return { kind: 'ask', choices, defaultIndex: choices.indexOf(defaultChoice) };
}

function withServiceTarget(stages: DockerfileStage[], last: DockerfileStage, serviceTarget: string, dockerFilePath: string): TargetChoice[] {
  const same = (name: string | undefined) => name !== undefined && name.toLowerCase() === serviceTarget.toLowerCase();
  const targetStage = stages.find((stage) => same(stage.name) && !stageTargetProblem(stage));
  const choices: TargetChoice[] = [
    {
      label: `The service's target (${serviceTarget})`,
      description: targetStage ? describe(targetStage, last) : undefined,
      target: serviceTarget,
      disabledReason: targetStage ? undefined : `${dockerFilePath} has no stage named "${serviceTarget}"; choose one of its stages.`,
    },
  ];
  for (const stage of stages) {
    if (same(stage.name)) continue;
    if (stage.name !== undefined) {
      choices.push({ label: stage.name, description: describe(stage, last), target: stage.name, disabledReason: stageTargetProblem(stage) });
    } else if (stage === last) {
      choices.push({
        label: labelOf(stage),
        description: describe(stage, last),
        target: undefined,
        disabledReason: `It has no name, and a build with no target builds the service's target "${serviceTarget}". Name it ("FROM … AS <name>") to build it.`,
      });
    }
  }
  return choices;
}

function withoutServiceTarget(stages: DockerfileStage[], last: DockerfileStage): TargetChoice[] {
  const choices: TargetChoice[] = [];
  for (const stage of stages) {
    if (stage === last) choices.push({ label: labelOf(stage), description: `${describe(stage, last)}, built when no target is given`, target: undefined });
    else if (stage.name !== undefined) choices.push({ label: stage.name, description: describe(stage, last), target: stage.name, disabledReason: stageTargetProblem(stage) });
  }
  return choices;
}

function labelOf(stage: DockerfileStage): string {
  return stage.name ?? 'Last stage';
}

function describe(stage: DockerfileStage, last: DockerfileStage): string {
  return stage === last ? `FROM ${stage.baseImage} · last stage` : `FROM ${stage.baseImage}`;
}
