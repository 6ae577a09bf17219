import { dockerfileTargetProblem } from '../build/dockerOverrideRules';
import type { DockerfileStage } from './dockerfileStage';
import { stageTargetProblem } from './stageTarget';

/** A line drawn above a stage's `FROM`: a button that builds the stage, or a note saying why it can't be built alone. */
export interface StageLens {
  /** 0-based line of the stage's `FROM`, as the editor counts lines. */
  line: number;
  title: string;
  tooltip: string;
  /** What a click builds: the stage's name, or no target for a single unnamed stage. Absent on a note. */
  build?: { target: string | undefined };
}

/** The title of a stage's button when no single service or job builds the file: a click asks which. */
export const START_BUILD_TITLE = '$(play) Start Build…';

/**
 * The lenses of a Dockerfile's stages. `buildableName` names the one linked service or job that builds
 * this file, or is undefined when none or several do. Each named stage that can be a target gets a
 * button that builds it by name; a lone unnamed stage gets one that builds the file with no target.
 * A stage that can't be a target (an unnamed last stage of several, a repeated or refused name) gets
 * a note instead; unnamed stages before the last get nothing, as nothing can build them alone.
 */
export function stageLenses(stages: readonly DockerfileStage[], buildableName: string | undefined): StageLens[] {
  if (stages.length === 1 && stages[0].name === undefined) {
    const only = stages[0];
    return [
      {
        line: only.line - 1,
        title: buildableName === undefined ? START_BUILD_TITLE : `$(play) Build on ${buildableName}`,
        tooltip: buildableName === undefined ? 'Build this Dockerfile with Northflank: asks which service or job' : `Build this Dockerfile on ${buildableName} with Northflank`,
        build: { target: undefined },
      },
    ];
  }
  const lenses: StageLens[] = [];
  const last = stages[stages.length - 1];
  for (const stage of stages) {
    if (stage.name === undefined && stage !== last) continue;
    const problem = stageTargetProblem(stage);
    if (problem !== undefined) {
      lenses.push({ line: stage.line - 1, title: noteFor(stage), tooltip: problem });
      continue;
    }
    const name = stage.name as string;
    lenses.push({
      line: stage.line - 1,
      title: buildableName === undefined ? START_BUILD_TITLE : `$(play) Build '${name}' on ${buildableName}`,
      tooltip:
        buildableName === undefined
          ? `Build stage '${name}' with Northflank: asks which service or job`
          : `Build stage '${name}' of this Dockerfile on ${buildableName} with Northflank (target ${name})`,
      build: { target: name },
    });
  }
  return lenses;
}

/** A short reason for the lens line; the tooltip holds the full one. */
function noteFor(stage: DockerfileStage): string {
  if (stage.name === undefined) return '$(circle-slash) Name this stage ("AS <name>") to build it alone';
  if (stage.shadowedBy !== undefined && dockerfileTargetProblem(stage.name) === undefined) return `$(circle-slash) Can't build '${stage.name}' alone: the stage at line ${stage.shadowedBy.line} has the same name`;
  return `$(circle-slash) Can't build '${stage.name}' alone: Northflank refuses this target name`;
}
