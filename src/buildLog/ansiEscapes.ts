// CSI sequences (colours `ESC[31m`, cursor moves `ESC[2K`) and OSC sequences (titles, hyperlinks), which
// BuildKit and npm write for a terminal: in an editor they would show as stray text.
const ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;

/** The text without its terminal escapes: `\u001b[31mERROR\u001b[0m` → `ERROR`. */
export function stripAnsi(text: string): string {
  return text.includes('\u001b') ? text.replace(ESCAPES, '').replace(/\u001b/g, '') : text;
}
