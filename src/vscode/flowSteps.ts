import vscode = require('vscode');
import { BACK, type Back } from './prompter';

/** Where a question stands in its flow. */
export interface StepPlace {
  /** The question's title with its place: "Start Build (2/4): target stage". */
  title(topic: string): string;
  /** Whether the question has a Back button: every one but the first asked. */
  back: boolean;
}

/** What a step did: asked a question, needed none, or the person went back or cancelled (undefined). */
export type StepOutcome = 'asked' | 'skipped' | Back | undefined;

export interface Step {
  run(place: StepPlace): Promise<StepOutcome>;
  /** Whether the step may still ask, as far as is known now: it counts into the "of N". */
  mayAsk(): boolean | Promise<boolean>;
}

/**
 * Runs the steps in order. Back returns to the last step that asked a question, and that step and
 * every one after it run again with what is known then; a step that needed no question is not a
 * place to go back to. The count counts the questions asked so far and those that may still come.
 * Resolves true when every step is done, false when one was cancelled.
 */
export async function runSteps(flow: string, steps: Step[]): Promise<boolean> {
  const asked: number[] = [];
  let index = 0;
  while (index < steps.length) {
    const coming = await Promise.all(steps.slice(index + 1).map((step) => step.mayAsk()));
    const number = asked.length + 1;
    const total = number + coming.filter(Boolean).length;
    // A flow that asks one question says no count.
    const place: StepPlace = { title: (topic) => (total > 1 ? vscode.l10n.t('{0} ({1}/{2}): {3}', flow, number, total, topic) : vscode.l10n.t('{0}: {1}', flow, topic)), back: asked.length > 0 };
    const outcome = await steps[index].run(place);
    if (outcome === undefined) return false;
    if (outcome === BACK) {
      const previous = asked.pop();
      if (previous === undefined) return false;
      index = previous;
      continue;
    }
    if (outcome === 'asked') asked.push(index);
    index++;
  }
  return true;
}

/** A step's answer: the value, whether a question was asked for it, or BACK / undefined (cancelled). */
export type Answered<T> = { value: T; asked: boolean } | Back | undefined;
