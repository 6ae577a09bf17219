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
/** BuildKit's own pattern for a heredoc word: optional fd digits, `<<`, optional `-`, blanks, then anything but `<`. */
const HEREDOC_WORD = /^\d*<<(-?)[\t\n\f\r ]*([^<]*)$/;
const LEADING_WORD = /^\s*(\S+)/;
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
 * comment and blank lines inside a continuation skipped, heredoc bodies of RUN/COPY/ADD (also behind ONBUILD) skipped.
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
    if (nextHeredoc >= 0 && nextHeredoc < lines.end) {
      const heredocKeyword = keyword ?? text.slice(first, wordEnd).toUpperCase();
      if (HEREDOC_KEYWORDS.has(heredocKeyword) || heredocKeyword === 'ONBUILD') {
        const instructionArgs = args ?? argumentsOf(text, argsStart, lines.end, escape);
        // As BuildKit's canContainHeredoc: RUN, COPY and ADD, also behind ONBUILD.
        if (heredocKeyword !== 'ONBUILD' || HEREDOC_KEYWORDS.has(LEADING_WORD.exec(instructionArgs)?.[1].toUpperCase() ?? '')) {
          skipHeredocBodies(lines, text, instructionArgs);
        }
      }
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
  for (const { name, chomp } of heredocs(args)) {
    while (lines.advance()) {
      const body = text.slice(lines.start, lines.end);
      if ((chomp ? body.replace(/^\t+/, '') : body) === name) break;
    }
  }
}

interface Heredoc {
  /** The delimiter with its quotes removed: the line that ends the body. */
  name: string;
  /** `<<-`: leading tabs are stripped before a line is compared with the delimiter. */
  chomp: boolean;
}

/**
 * The heredocs an instruction opens, in order, found as BuildKit's parser finds them (`heredocsFromLine`):
 * split the line into shell words keeping quotes and escapes, take each word matching
 * `^\d*<<-?\s*[^<]*$`, and unquote what follows `<<`; it must come out as exactly one word.
 * A JSON-form instruction needs no check of its own: its strings are quoted, so never a heredoc word.
 * `$` is taken literally, as BuildKit leaves variables it does not know untouched.
 */
function heredocs(args: string): Heredoc[] {
  const found: Heredoc[] = [];
  if (!MAY_OPEN_HEREDOC.test(args)) return found;
  for (const word of rawShellWords(args) ?? []) {
    const initial = word.charCodeAt(0);
    if (initial !== LESS_THAN && !(initial >= DIGIT_0 && initial <= DIGIT_9)) continue;
    const match = HEREDOC_WORD.exec(word);
    if (!match || match[2] === '') continue;
    const unquoted = unquotedShellWords(match[2]);
    if (unquoted?.length === 1) found.push({ name: unquoted[0], chomp: match[1] === '-' });
  }
  return found;
}

const SINGLE_QUOTE = 39;
const DOUBLE_QUOTE = 34;
const LESS_THAN = 60;
const DIGIT_0 = 48;
const DIGIT_9 = 57;

// Go's unicode.IsSpace, which BuildKit's shell lexer splits words on.
const SPACE_CLASS = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const SHELL_SPACES = new RegExp(`[${SPACE_CLASS}]+`, 'y');
// Inside double quotes a backslash escapes ", $ and itself; before anything else it stays, so for finding
// the closing quote it is enough that a backslash always takes the next character along.
const SINGLE_QUOTED = `'[^']*'`;
const DOUBLE_QUOTED = `"[^"\\\\]*(?:\\\\[^][^"\\\\]*)*"`;
/** One whole word with quotes and escapes kept; `<<` takes the spaces, tabs and carriage returns after it. */
const RAW_WORD = new RegExp(`(?:${SINGLE_QUOTED}|${DOUBLE_QUOTED}|\\\\[^]?|<<[\\t\\r ]*|[^${SPACE_CLASS}'"\\\\])+`, 'y');
/**
 * What a heredoc word needs, checked before lexing the line: to start a word (words start after a space)
 * with digits and `<<`, then `-` or blanks, then a character that is neither `<` nor a space. Most lines
 * with a `<<` that is no heredoc, such as `$((1<<2))` or `<<<`, fail it and are not lexed.
 */
const MAY_OPEN_HEREDOC = new RegExp(`(?:^|[${SPACE_CLASS}])\\d*<<(?:-|[\\t\\r ]*)[^<${SPACE_CLASS}]`);
/** One piece of a word to unquote: single-quoted, double-quoted, escaped, plain, or the spaces between words. */
const UNQUOTE_PIECE = new RegExp(`'([^']*)'|"([^"\\\\]*(?:\\\\[^][^"\\\\]*)*)"|\\\\([^]?)|([^${SPACE_CLASS}'"\\\\]+)|([${SPACE_CLASS}]+)`, 'y');

/**
 * Splits a line into words as BuildKit's shell lexer does before it looks for heredocs (raw quotes,
 * raw escapes, and always `\` as the escape character). Returns undefined for an unterminated quote,
 * where BuildKit's lexer fails and so finds no heredoc on the line.
 */
function rawShellWords(line: string): string[] | undefined {
  const words: string[] = [];
  let i = 0;
  while (i < line.length) {
    SHELL_SPACES.lastIndex = i;
    if (SHELL_SPACES.test(line)) i = SHELL_SPACES.lastIndex;
    if (i >= line.length) break;
    RAW_WORD.lastIndex = i;
    // A word stops only at a space or the end, or at a quote that never closes.
    if (!RAW_WORD.test(line)) return undefined;
    words.push(line.slice(i, RAW_WORD.lastIndex));
    i = RAW_WORD.lastIndex;
    const stop = line.charCodeAt(i);
    if (stop === SINGLE_QUOTE || stop === DOUBLE_QUOTE) return undefined;
  }
  return words;
}

/** The words of a heredoc delimiter with its quotes and escapes removed, as BuildKit reads the delimiter. */
function unquotedShellWords(text: string): string[] | undefined {
  const words: string[] = [];
  let word = '';
  UNQUOTE_PIECE.lastIndex = 0;
  while (UNQUOTE_PIECE.lastIndex < text.length) {
    const piece = UNQUOTE_PIECE.exec(text);
    if (!piece) return undefined;
    const [, single, double, escaped, plain, spaces] = piece;
    if (spaces !== undefined) {
      // An empty word, such as "", is no word: BuildKit keeps only words with characters.
      if (word !== '') words.push(word);
      word = '';
    } else {
      word += single ?? double?.replace(/\\(["$\\])/g, '$1') ?? escaped ?? plain;
    }
  }
  if (word !== '') words.push(word);
  return words;
}
