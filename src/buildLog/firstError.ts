import { messageOf } from './logRendering';

// What the builders write when they stop: BuildKit's `ERROR: failed to solve` and `#6 ERROR: …`, kaniko's
// `error building image`, tools' `error: …` / `Error: …`. A lower-case "error" mid-sentence ("0 errors",
// "error-handler.js", "no error") is not one; an upper-case ERROR, a log level, always is.
const ERROR_PHRASES = /\berror\s*:|failed to solve|error building image/i;
const ERROR_LEVEL = /\bERROR\b/;
const LEADING_ERROR = /^(?:#\d+\s+)?error\b(?![-.\w])/i;

export function isErrorLine(documentLine: string): boolean {
  const message = messageOf(documentLine);
  return ERROR_PHRASES.test(message) || ERROR_LEVEL.test(message) || LEADING_ERROR.test(message);
}

/**
 * The 0-based index of the line a failed build's log should open at, or undefined. Only positions
 * the editor: the failure parser says what went wrong.
 */
export function firstErrorLine(documentLines: readonly string[]): number | undefined {
  const index = documentLines.findIndex(isErrorLine);
  return index < 0 ? undefined : index;
}
