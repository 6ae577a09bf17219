/**
 * What a Northflank API token may hold. Tokens are JWTs: visible ASCII only. Anything else cannot go in
 * an HTTP header at all (fetch refuses it before sending), and inner whitespace is a paste gone wrong.
 */
const VISIBLE_ASCII = /^[\x21-\x7e]$/;

/** The token as pasted, less the whitespace around it. */
export function cleanToken(pasted: string): string {
  return pasted.trim();
}

/** Why this (already trimmed) token cannot be used, without quoting it; undefined when it can. */
export function tokenProblem(token: string): string | undefined {
  if (token === '') return 'The token is empty.';
  const characters = Array.from(token);
  const bad = characters.findIndex((character) => !VISIBLE_ASCII.test(character));
  if (bad < 0) return undefined;
  return `The token holds ${describe(characters[bad])} at position ${bad + 1}, which a Northflank token never does and which cannot be sent in a request. Copy the token again from Northflank and paste it alone.`;
}

function describe(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (character === ' ') return 'a space';
  if (character === '\t') return 'a tab';
  if (character === '\n' || character === '\r') return 'a line break';
  if (code < 0x20 || code === 0x7f) return `a control character (${hex})`;
  if (/\s/.test(character)) return `an invisible space (${hex})`;
  // Curly quotes and the like: the usual sign of a token copied through a word processor.
  return `the character "${character}" (${hex})`;
}
