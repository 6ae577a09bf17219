import { readInstructions } from './dockerfileInstruction';

/** A build stage: one `FROM` instruction and what follows it. */
export interface DockerfileStage {
  /** 0-based position among the file's stages. */
  index: number;
  /** The name after `AS`, as written; Docker compares stage names case-insensitively. */
  name?: string;
  /** The image reference as written, e.g. `node:20-alpine` or `${BASE_IMAGE}`. */
  baseImage: string;
  /** 1-based line of the `FROM` instruction. */
  line: number;
  /**
   * The last stage with the same name, ignoring case, when that is a later one. `--target <name>`
   * builds that stage in BuildKit (which only warns about the repeated name), so this one can't be
   * picked as a target; see `stageTargetProblem`.
   */
  shadowedBy?: { index: number; line: number };
}

const WHITESPACE = /\s+/;
const FROM_ONLY: ReadonlySet<string> = new Set(['FROM']);

/**
 * The stages of a Dockerfile, in order. A `FROM` with no image is skipped, as Docker would reject it.
 * A stage whose name a later stage repeats is marked with that later one (`shadowedBy`).
 */
export function parseStages(text: string): DockerfileStage[] {
  const stages: DockerfileStage[] = [];
  for (const instruction of readInstructions(text, FROM_ONLY)) {
    const words = withoutFlags(instruction.args.split(WHITESPACE));
    const baseImage = words[0];
    if (!baseImage) continue;
    const stage: DockerfileStage = { index: stages.length, baseImage, line: instruction.line };
    if (words.length >= 3 && words[1].toLowerCase() === 'as') stage.name = words[2];
    stages.push(stage);
  }
  markShadowed(stages);
  return stages;
}

/** BuildKit keeps one stage per lower-cased name, each overwriting the one before: the last wins. */
function markShadowed(stages: DockerfileStage[]): void {
  const last = new Map<string, DockerfileStage>();
  for (let i = stages.length - 1; i >= 0; i--) {
    const stage = stages[i];
    if (stage.name === undefined) continue;
    const key = stage.name.toLowerCase();
    const later = last.get(key);
    if (later) stage.shadowedBy = { index: later.index, line: later.line };
    else last.set(key, stage);
  }
}

/** Drops leading `--platform=…`-style flags; like BuildKit, a lone `--` ends them. */
function withoutFlags(words: string[]): string[] {
  let first = 0;
  while (first < words.length && words[first].startsWith('--')) {
    first++;
    if (words[first - 1] === '--') break;
  }
  return words.slice(first).filter((word) => word !== '');
}
