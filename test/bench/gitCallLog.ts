import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IN_STEP_ARGS } from '../../src/git/readRepositoryHead';
import { PORCELAIN_STATUS_ARGS } from '../../src/git/statusPorcelain';

/** The git commands run by processes started with `env`, as git's own trace records them. */
export interface GitCallLog {
  /** For code-server, and so for its extension host and the git processes it starts. */
  env: Record<string, string>;
  /** One `trace: built-in: git …` line per command. */
  lines(): string[];
  remove(): void;
}

/**
 * GIT_TRACE makes every git process append its command line to a file, whoever starts it.
 * Start Build's repository read always begins with this rev-parse, and then counts the changes with
 * this status command, neither of which VS Code's own git extension runs (global options, like
 * --no-optional-locks, are not in the trace; git quotes `@{upstream}`, which comes later).
 */
const EXTENSION_HEAD_READ = `git ${IN_STEP_ARGS.slice(0, 3).join(' ')} `;
const EXTENSION_STATUS = `git ${PORCELAIN_STATUS_ARGS.filter((arg) => arg !== '--no-optional-locks').join(' ')}`;

export function createGitCallLog(): GitCallLog {
  const dir = mkdtempSync(join(tmpdir(), 'nf-bench-git-'));
  const log = join(dir, 'trace.log');
  return {
    env: { GIT_TRACE: log },
    lines: () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter((line) => line.includes('trace: built-in: ')) : []),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function isExtensionGitCall(line: string): boolean {
  return line.includes(EXTENSION_HEAD_READ) || line.trimEnd().endsWith(EXTENSION_STATUS);
}

/** When the command started, in epoch ms: git stamps each trace line with the local time of day. */
export function gitCallTime(line: string, near: number): number | undefined {
  const match = /^(\d\d):(\d\d):(\d\d)\.(\d{6}) /.exec(line);
  if (!match) return undefined;
  const at = new Date(near);
  at.setHours(Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4]) / 1000);
  return at.getTime();
}
