/** One logical Dockerfile instruction: continuation lines joined, comments and heredoc bodies left out. */
export interface DockerfileInstruction {
  /** The instruction keyword in upper case, e.g. `FROM`. */
  keyword: string;
  /** Everything after the keyword, continuation lines joined. */
  args: string;
  /** 1-based line on which the instruction starts, as editors number lines. */
  line: number;
}

const PARSER_DIRECTIVES = new Set(['syntax', 'escape', 'check']);
const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);
const HEREDOC_WORD = /^\d*<<(-?)(["']?)([A-Za-z0-9_]+)\2$/;
const WHITESPACE = /\s+/;
const SPACE = 32;
const TAB = 9;
const HASH = 35;
const CARRIAGE_RETURN = 13;
const LOWER_CASE_BIT = 32;

/** Walks the text line by line without splitting it, so a large file costs no per-line copies. */
class LineCursor {
  line = 0;
  start = 0;
  end = 0;
  private next: number;

  constructor(private readonly text: string) {
    this.next = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  }

  advance(): boolean {
    const { text } = this;
    if (this.next > text.length) return false;
    const newline = text.indexOf('\n', this.next);
    this.start = this.next;
    this.end = newline < 0 ? text.length : newline;
    this.next = this.end + 1;
    if (this.end > this.start && text.charCodeAt(this.end - 1) === CARRIAGE_RETURN) this.end--;
    this.line++;
    return true;
  }

  /** Index of the first character that is not a space or tab, or `end`. */
  firstNonBlank(): number {
    let i = this.start;
    while (i < this.end && isBlank(this.text.charCodeAt(i))) i++;
    return i;
  }

  /** Where the line's content ends, and whether it ends with the escape character (continuing on the next line). */
  content(escape: number): [number, boolean] {
    let end = this.end;
    while (end > this.start && isBlank(this.text.charCodeAt(end - 1))) end--;
    if (end > this.start && this.text.charCodeAt(end - 1) === escape) return [end - 1, true];
    return [this.end, false];
  }
}

/**
 * Reads a Dockerfile the way BuildKit does, in one pass: parser directives only at the top,
 * whole-line comments, the escape character (`\` or a backtick) ending a line to continue it,
 * comment and blank lines inside a continuation skipped, heredoc bodies of RUN/COPY/ADD skipped.
 * With `keywords`, only those instructions are returned (and only theirs are assembled).
 */
export function readInstructions(text: string, keywords?: ReadonlySet<string>): DockerfileInstruction[] {
  const instructions: DockerfileInstruction[] = [];
  const lines = new LineCursor(text);
  let escape = '\\'.charCodeAt(0);
  let inDirectives = true;

  // Heredocs are rare: find the next "<<" once and look again only after passing it.
  let nextHeredoc = text.indexOf('<<');
  const initials = keywords && new Set([...keywords].map((keyword) => keyword.charCodeAt(0)));

  while (lines.advance()) {
    const first = lines.firstNonBlank();
    if (inDirectives) {
      const directive = parserDirective(text.slice(first, lines.end));
      if (directive) {
        if (directive.name === 'escape' && (directive.value === '`' || directive.value === '\\')) escape = directive.value.charCodeAt(0);
        continue;
      }
      inDirectives = false;
    }
    if (first === lines.end || text.charCodeAt(first) === HASH) continue;

    const line = lines.line;
    let [end, continues] = lines.content(escape);
    let wordEnd = first;
    while (wordEnd < end && !isBlank(text.charCodeAt(wordEnd))) wordEnd++;
    // Upper-casing every keyword shows in profiles; a first letter no wanted keyword has rules most lines out.
    const candidate = initials === undefined || initials.has(text.charCodeAt(first) & ~LOWER_CASE_BIT);
    const keyword = candidate ? text.slice(first, wordEnd).toUpperCase() : undefined;
    const wanted = keyword !== undefined && (keywords === undefined || keywords.has(keyword));
    let args = wanted ? text.slice(wordEnd, end) : undefined;
    const argsStart = wordEnd;
    while (continues && lines.advance()) {
      const start = lines.firstNonBlank();
      if (start === lines.end || text.charCodeAt(start) === HASH) continue;
      [end, continues] = lines.content(escape);
      if (args !== undefined) args += text.slice(lines.start, end);
    }
    if (wanted) instructions.push({ keyword, args: (args ?? '').trim(), line });

    while (nextHeredoc >= 0 && nextHeredoc < argsStart) nextHeredoc = text.indexOf('<<', nextHeredoc + 2);
    if (nextHeredoc >= 0 && nextHeredoc < lines.end && HEREDOC_KEYWORDS.has(keyword ?? text.slice(first, wordEnd).toUpperCase())) {
      skipHeredocBodies(lines, text, args ?? argumentsOf(text, argsStart, lines.end, escape));
      nextHeredoc = text.indexOf('<<', lines.end);
    }
  }
  return instructions;
}

/** Assembles, after the fact, the arguments of an instruction that was skipped over, to read its heredoc markers. */
function argumentsOf(text: string, start: number, end: number, escape: number): string {
  const escapeCharacter = String.fromCharCode(escape);
  return text
    .slice(start, end)
    .split('\n')
    .filter((part, index) => index === 0 || !/^[ \t]*(#|\r?$)/.test(part))
    .map((part) => {
      const content = part.trimEnd();
      return content.endsWith(escapeCharacter) ? content.slice(0, -1) : content;
    })
    .join('');
}

function isBlank(code: number): boolean {
  return code === SPACE || code === TAB;
}

function parserDirective(trimmed: string): { name: string; value: string } | undefined {
  if (trimmed.charCodeAt(0) !== HASH) return undefined;
  const equals = trimmed.indexOf('=');
  if (equals < 0) return undefined;
  const name = trimmed.slice(1, equals).trim().toLowerCase();
  if (!PARSER_DIRECTIVES.has(name)) return undefined;
  return { name, value: trimmed.slice(equals + 1).trim() };
}

function skipHeredocBodies(lines: LineCursor, text: string, args: string): void {
  for (const word of args.split(WHITESPACE)) {
    const heredoc = HEREDOC_WORD.exec(word);
    if (!heredoc) continue;
    const [, dash, , name] = heredoc;
    while (lines.advance()) {
      const body = text.slice(lines.start, lines.end);
      if ((dash === '-' ? body.replace(/^\t+/, '') : body) === name) break;
    }
  }
}
