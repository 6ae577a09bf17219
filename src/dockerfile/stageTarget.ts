import { dockerfileTargetProblem } from '../build/dockerOverrideRules';
import type { DockerfileStage } from './DockerfileStage';

/** Whether the API accepts this stage name as a `dockerfileTarget`. */
export function isValidTarget(name: string): boolean {
  return dockerfileTargetProblem(name) === undefined;
}

/**
 * Why this stage cannot be picked as the build target, or undefined when it can:
 * the sentence a stage list shows next to a disabled stage.
 */
export function stageTargetProblem(stage: DockerfileStage): string | undefined {
  if (stage.name === undefined) {
    return `Stage ${stage.index} (FROM ${stage.baseImage}) has no name; give it one with "AS <name>" to build only up to it.`;
  }
  return dockerfileTargetProblem(stage.name, 'The stage name');
}
