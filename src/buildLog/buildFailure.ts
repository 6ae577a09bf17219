import { readInstructions } from '../dockerfile/dockerfileInstruction';
import { stripAnsi } from './ansiEscapes';
import { RUNTIME_FRAMING } from './logRendering';

/** Why a build failed, as its log says, and where in the Dockerfile when the log lets us know. */
export interface BuildFailure {
  /** The Dockerfile as the log names it, e.g. `Dockerfile` or `services/api/Dockerfile`. */
  dockerfile?: string;
  /** 1-based line of the failing instruction. */
  line?: number;
  /** The failing instruction, e.g. `RUN npm ci`. */
  instruction?: string;
  message: string;
}

export interface BuildFailureOptions {
  /** The Dockerfile that was built: lets an instruction named without a line number (kaniko) be found in it. */
  dockerfileText?: string;
  /** The build is known to have failed: a log that ends without saying why still gets a message. */
  failed?: boolean;
}

// An ISO 8601 time in front of a line, bare or in brackets, as log collectors and the log document add it.
const TIMESTAMP = /^\[?\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?\]?\s+/;

const SOLVE_ERROR = /^error:\s*(failed to solve:.*)$/i;
const BUILDKIT_HEADER = /^(\S+):(\d+)(?:-\d+)?$/;
const EXCERPT_RULE = /^-{20}$/;
const EXCERPT_FAILING = /^\s*(\d+)\s*\|\s*>>>\s?(.*)$/;
const STEP_ERROR = /^#(\d+) ERROR:\s*(.*)$/;
const STEP_NAME = /^#(\d+) \[[^\]]*\d+\/\d+\] (.+)$/;
const KANIKO_ERROR = /^(?:Error: |ERRO\[\d+\]\s*)?(error building image:.*)$/;
const KANIKO_STEP = /^INFO\[\d+\]\s+([A-Z]+)\s+(.*)$/;
const GENERIC_ERROR = /^(?:(?:ERROR|Error|error|FATAL|fatal):|ERRO\[\d+\])\s*(.+)$/;
// The builder itself killed, mostly for memory: the log just stops, often with a line like these.
const KILLED = /\bOOMKilled\b|\bout of memory\b|^Killed$|signal: killed/i;
const KEYWORDS = new Set(['ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'HEALTHCHECK', 'LABEL', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR']);

/** A log line as a person would read it: no runtime framing, time prefix or colour escapes. */
export function cleanLogLine(raw: string): string {
  let line = stripAnsi(raw).replace(RUNTIME_FRAMING, '');
  // A timestamp may come before or after the framing, and log documents add one of their own.
  for (let i = 0; i < 2; i++) line = line.replace(TIMESTAMP, '').replace(RUNTIME_FRAMING, '');
  return line.replace(/\r$/, '').trimEnd();
}

/**
 * Finds why a Dockerfile build failed in its log (BuildKit or kaniko), and the Dockerfile line when
 * the log names it or names the instruction and the Dockerfile's text is given. Undefined when the log
 * shows no failure and the build is not known to have failed.
 */
export function findBuildFailure(rawLines: readonly string[], options: BuildFailureOptions = {}): BuildFailure | undefined {
  const lines = rawLines.map(cleanLogLine);
  return buildkitFailure(lines, options.dockerfileText) ?? kanikoFailure(lines, options.dockerfileText) ?? otherFailure(lines, options.failed === true);
}

function buildkitFailure(lines: string[], dockerfileText: string | undefined): BuildFailure | undefined {
  const solve = lastMatch(lines, SOLVE_ERROR);
  const step = lastMatch(lines, STEP_ERROR);
  if (!solve && !step) return undefined;
  const message = solve ? solve.match[1] : step!.match[2];
  const excerpt = lastExcerpt(lines, solve?.index ?? lines.length);
  if (excerpt) return { ...excerpt, message };
  // No excerpt (older BuildKit, or the log stops first): the failing step's name still says the instruction.
  const stepNumber = step?.match[1];
  const name = stepNumber === undefined ? undefined : lines.map((line) => STEP_NAME.exec(line)).find((m) => m?.[1] === stepNumber)?.[2];
  const instruction = name && KEYWORDS.has(name.split(/\s/)[0].toUpperCase()) ? name : undefined;
  return instruction ? withLine({ instruction, message }, dockerfileText, 0) : { message };
}

/** The last `Dockerfile:12` header before `before`, with the `>>>` line of the excerpt under it. */
function lastExcerpt(lines: string[], before: number): Omit<BuildFailure, 'message'> | undefined {
  for (let i = Math.min(before, lines.length) - 1; i >= 0; i--) {
    const header = BUILDKIT_HEADER.exec(lines[i]);
    if (!header || !EXCERPT_RULE.test(lines[i + 1] ?? '')) continue;
    const result: Omit<BuildFailure, 'message'> = { dockerfile: header[1], line: Number(header[2]) };
    // An instruction over several lines has each marked: joined, as the person would read it on one line.
    const marked: string[] = [];
    for (let j = i + 2; j < lines.length && !EXCERPT_RULE.test(lines[j]); j++) {
      const failing = EXCERPT_FAILING.exec(lines[j]);
      if (failing) marked.push(failing[2].replace(/\\\s*$/, '').trim());
    }
    return marked.length > 0 ? { ...result, instruction: marked.join(' ').replace(/\s+/g, ' ') } : result;
  }
  return undefined;
}

function kanikoFailure(lines: string[], dockerfileText: string | undefined): BuildFailure | undefined {
  const error = lastMatch(lines, KANIKO_ERROR);
  if (!error) return undefined;
  const steps = lines.slice(0, error.index).flatMap((line) => {
    const m = KANIKO_STEP.exec(line);
    return m && KEYWORDS.has(m[1]) ? [`${m[1]} ${m[2]}`.trim()] : [];
  });
  const instruction = steps.at(-1);
  if (instruction === undefined) return { message: error.match[1] };
  // The same instruction can come more than once (WORKDIR /app in two stages): it is the nth run that failed.
  const occurrence = steps.filter((step) => sameInstruction(step, instruction)).length - 1;
  return withLine({ instruction, message: error.match[1] }, dockerfileText, occurrence);
}

function otherFailure(lines: string[], failed: boolean): BuildFailure | undefined {
  const error = lastMatch(lines, GENERIC_ERROR);
  if (error) return { message: error.match[1] };
  const killed = lastMatch(lines, KILLED);
  if (killed) return { message: killed.match.input.trim() };
  if (!failed) return undefined;
  const last = [...lines].reverse().find((line) => line.trim() !== '');
  return { message: last ? `The build log ends without an error; its last line is: ${last.trim()}` : 'The build failed and wrote no log.' };
}

function withLine(failure: BuildFailure, dockerfileText: string | undefined, occurrence: number): BuildFailure {
  if (failure.instruction === undefined || dockerfileText === undefined) return failure;
  const found = readInstructions(dockerfileText).filter((candidate) => sameInstruction(`${candidate.keyword} ${candidate.args}`, failure.instruction!));
  const instruction = found[occurrence] ?? (found.length === 1 ? found[0] : undefined);
  return instruction ? { ...failure, line: instruction.line } : failure;
}

function sameInstruction(a: string, b: string): boolean {
  return normalize(a) === normalize(b);
}

function normalize(instruction: string): string {
  const [keyword, ...rest] = instruction.trim().split(/\s+/);
  return [keyword.toUpperCase(), ...rest].join(' ');
}

function lastMatch(lines: string[], pattern: RegExp): { index: number; match: RegExpExecArray } | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const match = pattern.exec(lines[i]);
    if (match) return { index: i, match };
  }
  return undefined;
}
