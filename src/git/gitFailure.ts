import { GitPluginError } from 'simple-git';

/** The text git (or the process launcher) gave for a failure, trimmed to what a person needs. */
export function gitErrorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/^(fatal|error): /gm, '').trim();
}

/** A person-readable sentence for a git command that failed in an unexpected way. */
export function describeGitFailure(error: unknown, action: string, folder: string): string {
  const text = gitErrorText(error);
  if (error instanceof GitPluginError && error.plugin === 'timeout') {
    return `Git did not answer while ${action} in "${folder}" and was stopped. Try again, or run git there yourself to see what it waits for.`;
  }
  if (/\bENOENT\b/.test(text) && /spawn/.test(text)) {
    return 'Git was not found. Install Git and make sure the "git" command is on the PATH of VS Code, then try again.';
  }
  if (/dubious ownership/i.test(text)) {
    return `Git refuses to read "${folder}" because the folder belongs to another user. If you trust it, run: git config --global --add safe.directory "${folder}"`;
  }
  const firstLines = text.split('\n').filter((line) => line.trim() !== '').slice(0, 3).join(' ');
  return `Git failed while ${action} in "${folder}": ${firstLines}`;
}

/**
 * Thrown by a read whose answer is a value rather than a state that carries its own failure:
 * `message` is a sentence for a person, as `describeGitFailure` makes them; `cause` is what failed.
 */
export class GitFailure extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'GitFailure';
  }
}
