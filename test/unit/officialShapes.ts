import { dirname, join } from 'node:path';
import * as ts from 'typescript';

/**
 * Type-checks JSON answers against the official client's result types (@northflank/js-client), with the
 * TypeScript compiler: one generated, in-memory file assigns each answer to a variable of its type, and
 * every diagnostic in that file is reported with the answer it belongs to.
 */

/** One answer to check: `type` is a type expression over `NF` (the js-client's exported types) and the aliases below. */
export interface ShapeCase {
  /** Names the answer in reports, e.g. `GET /v1/projects/p/services/s`. */
  label: string;
  type: string;
  value: unknown;
}

export interface ShapeProblem {
  label: string;
  message: string;
}

export interface ShapeReport {
  problems: ShapeProblem[];
  /** Wall time of building the program and checking the file, ms. */
  ms: number;
}

// The client's own declarations, found from its entry point so neither the working directory nor
// the package's export map matters; the CommonJS and ESM .d.ts files are the same.
const CLIENT_TYPES = join(dirname(require.resolve('@northflank/js-client')), 'api-client');

/**
 * Wire forms of what js-client hands back. The wrapper: `{data, pagination?}`, without the
 * `getNextPage` the client adds. Log lines: the client turns `ts` into a Date; the wire has a string.
 */
const PRELUDE = `import type * as NF from ${JSON.stringify(CLIENT_TYPES)};
type Pagination = Omit<NonNullable<NF.ApiCallResponse<unknown>['pagination']>, 'getNextPage'>;
type Answer<T> = { data: T; pagination?: Pagination };
type WireLogLine = Omit<NF.LogLine, 'ts'> & { ts: string };
`;

/**
 * Not `strict`: only what the answers can get wrong matters. strictNullChecks is on, or a `null`
 * would pass for every field; the types spell out where null is allowed (`message`, `pullRequestId`).
 * exactOptionalPropertyTypes stays off; JSON cannot carry undefined anyway.
 */
const OPTIONS: ts.CompilerOptions = {
  strict: false,
  strictNullChecks: true,
  exactOptionalPropertyTypes: false,
  noEmit: true,
  skipLibCheck: true,
  types: [],
  lib: ['lib.es2022.d.ts'],
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
};

const GENERATED = join(dirname(CLIENT_TYPES), '__emulator_answers__.ts');

// The 1.9 MB declaration file and the lib files are parsed once per process, however many checks run.
const parsed = new Map<string, ts.SourceFile | undefined>();
let previous: ts.Program | undefined;

/**
 * The answer as a TypeScript expression. Strings keep their literal types (`"SUCCESS" as const`) so
 * they can meet the types' string unions; nothing else is narrowed. The object is assigned through a
 * variable, not as a fresh literal, so fields newer than the 0.9.5 types (such as `buildSettings`)
 * are not errors, while missing required fields and wrong types are.
 */
export function literal(value: unknown): string {
  if (typeof value === 'string') return `${JSON.stringify(value)} as const`;
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{ ${Object.entries(value)
      .map(([key, field]) => `${JSON.stringify(key)}: ${literal(field)}`)
      .join(', ')} }`;
  }
  if (value === undefined) return 'undefined';
  return JSON.stringify(value);
}

export function checkShapes(cases: ShapeCase[]): ShapeReport {
  const started = performance.now();
  const spans: { label: string; start: number; end: number }[] = [];
  let text = PRELUDE;
  cases.forEach((item, index) => {
    const start = text.length;
    text += `// ${item.label.replace(/[\r\n]/g, ' ')}\nconst answer${index} = ${literal(item.value)};\nexport const checked${index}: ${item.type} = answer${index};\n`;
    spans.push({ label: item.label, start, end: text.length });
  });

  const host = ts.createCompilerHost(OPTIONS);
  // The declaration file's doc comments are half its size and of no use here.
  host.jsDocParsingMode = ts.JSDocParsingMode.ParseNone;
  const readSource = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError) => {
    if (fileName === GENERATED) return ts.createSourceFile(fileName, text, languageVersion, true);
    if (!parsed.has(fileName)) parsed.set(fileName, readSource(fileName, languageVersion, onError));
    return parsed.get(fileName);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => fileName === GENERATED || fileExists(fileName);
  const program = ts.createProgram({ rootNames: [GENERATED], options: OPTIONS, host, oldProgram: previous });
  previous = program;
  const source = program.getSourceFile(GENERATED);
  if (!source) throw new Error('The generated file was not part of the program');
  const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];

  const problems = diagnostics.map((diagnostic) => {
    const at = diagnostic.start ?? 0;
    const span = spans.find((candidate) => at >= candidate.start && at < candidate.end);
    return { label: span?.label ?? 'the generated prelude', message: describe(diagnostic) };
  });
  return { problems, ms: performance.now() - started };
}

/** The compiler's message chain, with the echoes of whole inferred types cut short: the field names are what matter. */
function describe(diagnostic: ts.Diagnostic): string {
  return ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n').replace(/'([^'\n]{80,}?)'(?=[\s.:,]|$)/g, (_whole, type: string) => `'${type.slice(0, 60)}…'`);
}

export function formatProblems(problems: ShapeProblem[]): string {
  return problems.map((problem) => `${problem.label}:\n  ${problem.message.replace(/\n/g, '\n  ')}`).join('\n');
}
