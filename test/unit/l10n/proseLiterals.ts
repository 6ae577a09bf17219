import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';

/** A string in the code that reads as text for a person and does not go through `l10n.t`. */
export interface ProseLiteral {
  file: string;
  line: number;
  text: string;
}

/**
 * Files still being rewritten elsewhere (sign-in, issue 13's lead); their strings go through `l10n.t`
 * once that lands. Empty this list then: the check fails for an entry whose file has no prose left.
 */
export const AWAITING_CONVERSION: readonly string[] = [];

/** Literals that read as prose but are not shown to a person, each with why. Keyed `file: text`. */
export const NOT_USER_TEXT: Readonly<Record<string, string>> = {
  'src/vscode/builds/buildDiagnostics.ts: Northflank': "a diagnostic's source: the product's name, which is not translated",
  'src/vscode/auth/authProvider.ts: Northflank': "the authentication provider's label: the product's name (package.nls.json has it for the manifest)",
  'src/vscode/builds/buildLogDocuments.ts: Not a Northflank build log: ${}': 'an Error for a programming mistake (a URI of another scheme), never shown',
  'src/vscode/errorPresenter.ts: Northflank': "the default prefix of an error message: the product's name, which is not translated",
};

/** Calls whose string arguments are ids, keys or log lines, not text for a person. */
const CODE_ARGUMENT_CALLS = new Set([
  'executeCommand',
  'registerCommand',
  'registerTextEditorCommand',
  'getConfiguration',
  'createDiagnosticCollection',
  'createOutputChannel',
  'ThemeIcon',
  'RegExp',
  'require',
]);
const LOG_METHODS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'log', 'appendLine']);

/** `$(codicon)` references name icons, not words. */
const CODICON = /\$\([\w~-]+\)/g;

/** Reads as prose: words with a space between, or a capitalised word (a label such as `Retry`). */
export function readsAsProse(text: string): boolean {
  const words = text.replace(CODICON, ' ');
  return /\p{L}[\p{L}'’.,:;!?)]*\s+\S*\p{L}/u.test(words) || /(^|\s)\p{Lu}\p{Ll}/u.test(words.trim());
}

/** The text of a literal, with each `${…}` of a template written `${}`. */
function literalText(node: ts.StringLiteralLike | ts.TemplateExpression): string {
  if (!ts.isTemplateExpression(node)) return node.text;
  return node.head.text + node.templateSpans.map((span) => '${}' + span.literal.text).join('');
}

function calleeName(expression: ts.Expression): string | undefined {
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isPropertyAccessExpression(expression)) return expression.name.text;
  return undefined;
}

/** `l10n.t(...)` or `vscode.l10n.t(...)`. */
function isL10nT(call: ts.CallExpression): boolean {
  const callee = call.expression;
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 't' && calleeName(callee.expression) === 'l10n';
}

/** `log().info(...)`, `console.warn(...)`, `channel.appendLine(...)`. */
function isLogCall(call: ts.CallExpression): boolean {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !LOG_METHODS.has(callee.name.text)) return false;
  const target = callee.expression;
  if (ts.isCallExpression(target)) return calleeName(target.expression) === 'log';
  return ts.isIdentifier(target) && ['console', 'channel', 'output'].includes(target.text);
}

/** Whether the literal sits where text is code, not words for a person. */
function inCodeContext(node: ts.Node): boolean {
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isImportTypeNode(parent) || ts.isExternalModuleReference(parent)) return true;
    if (ts.isTypeNode(parent) || ts.isLiteralTypeNode(parent)) return true;
    if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isMethodDeclaration(parent)) && parent.name === child) return true;
    if (ts.isElementAccessExpression(parent) && parent.argumentExpression === child) return true;
    if (ts.isCaseClause(parent) && parent.expression === child) return true;
    if (ts.isBinaryExpression(parent) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.InKeyword].includes(parent.operatorToken.kind)) return true;
    if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) {
      if (child === parent.expression) return false;
      if (ts.isCallExpression(parent) && (isL10nT(parent) ? parent.arguments[0] === child : isLogCall(parent))) return true;
      const name = calleeName(parent.expression);
      if (name && CODE_ARGUMENT_CALLS.has(name)) return true;
      // A literal passed to any other call is an argument like any other: keep looking no further.
      return false;
    }
    // A nested literal stays the outer expression's: stop at statements and declarations.
    if (ts.isStatement(parent) || ts.isVariableDeclaration(parent) || ts.isParameter(parent)) return false;
  }
  return false;
}

/** The prose literals of one file's source that are neither in `l10n.t` nor in a code context. */
export function proseLiterals(file: string, source: string): ProseLiteral[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: ProseLiteral[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
      const text = literalText(node);
      if (readsAsProse(text) && !inCodeContext(node)) {
        found.push({ file, line: sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1, text });
      }
    }
    // A template's own spans are visited: a literal inside `${…}` is text of its own.
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

export function isAwaitingConversion(file: string): boolean {
  return AWAITING_CONVERSION.some((entry) => (entry.endsWith('/') ? file.startsWith(entry) : file === entry));
}

/** Every `.ts` file under `dir`, as a path from `root` written with `/`. */
export function sourceFiles(root: string, dir: string): string[] {
  const files: string[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) files.push(relative(root, path).split(sep).join('/'));
    }
  };
  walk(join(root, dir));
  return files.sort();
}

/** The prose literals of src/vscode, the allow-listed ones left out. */
export function scanVscodeLayer(root: string): { findings: ProseLiteral[]; awaiting: ProseLiteral[] } {
  const findings: ProseLiteral[] = [];
  const awaiting: ProseLiteral[] = [];
  for (const file of sourceFiles(root, 'src/vscode')) {
    for (const literal of proseLiterals(file, readFileSync(join(root, file), 'utf8'))) {
      if (NOT_USER_TEXT[`${file}: ${literal.text}`]) continue;
      (isAwaitingConversion(file) ? awaiting : findings).push(literal);
    }
  }
  return { findings, awaiting };
}
