import { readInstructions } from './DockerfileInstruction';

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
}

const WHITESPACE = /\s+/;
const FROM_ONLY: ReadonlySet<string> = new Set(['FROM']);

/** The stages of a Dockerfile, in order. A `FROM` with no image is skipped, as Docker would reject it. */
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
  return stages;
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
