import { dockerfileTargetProblem } from '../build/dockerOverrideRules';
import type { DockerfileStage } from './dockerfileStage';

/**
 * Why this stage cannot be picked as the build target, or undefined when it can:
 * the sentence a stage list shows next to a disabled stage. Of stages sharing a name,
 * only the last can be picked, as `--target` builds that one.
 */
export function stageTargetProblem(stage: DockerfileStage): string | undefined {
  if (stage.name === undefined) {
    return `Stage ${stage.index} (FROM ${stage.baseImage}) has no name; give it one with "AS <name>" to build only up to it.`;
  }
  const problem = dockerfileTargetProblem(stage.name, 'The stage name');
  if (problem !== undefined || stage.shadowedBy === undefined) return problem;
  return (
    `Stage "${stage.name}" (line ${stage.line}) can't be the target: the stage at line ${stage.shadowedBy.line} has the same name, as Docker ignores case in stage names. ` +
    `BuildKit, Northflank's default build engine, warns about this and builds that later stage for --target ${stage.name} (Kaniko builds the first of them). Rename one of them.`
  );
}
