import { devNull } from 'node:os';
import { simpleGit, type SimpleGit } from 'simple-git';

/**
 * Reading a repository must never run code from it: no hooks, no fsmonitor daemon, and no index
 * refresh lock that could collide with the user's own git commands (see `--no-optional-locks`).
 * Arguments are always constants or values git itself reported, never user input.
 */
const READ_CONFIG = ['core.fsmonitor=false', `core.hooksPath=${devNull}`];
const READ_TIMEOUT_MS = 15_000;

/** A push may wait on the network and on the user's own pre-push hook; it is killed after this long without output. */
export const PUSH_TIMEOUT_MS = 120_000;

/** Variables a push never needs and must not act on: it opens no editor or pager. */
const INTERACTIVE_VARIABLES = new Set(['editor', 'visual', 'git_editor', 'git_sequence_editor', 'pager', 'git_pager', 'git_external_diff', 'git_template_dir']);

export function gitForReading(folder: string): SimpleGit {
  return simpleGit({
    baseDir: folder,
    config: READ_CONFIG,
    timeout: { block: READ_TIMEOUT_MS },
    // Our own two settings above; simple-git would otherwise refuse them.
    unsafe: { allowUnsafeFsMonitor: true, allowUnsafeHooksPath: true },
  });
}

/**
 * A push runs with the user's environment (their SSH command, askpass or config paths are theirs,
 * not input we received) but never prompts in a terminal nobody sees.
 * It runs the user's pre-push hook, exactly as `git push` in their terminal would.
 */
export function gitForPushing(root: string): SimpleGit {
  const environment: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !INTERACTIVE_VARIABLES.has(name.toLowerCase())) environment[name] = value;
  }
  environment.GIT_TERMINAL_PROMPT = '0';
  return simpleGit({
    baseDir: root,
    config: ['core.fsmonitor=false'],
    timeout: { block: PUSH_TIMEOUT_MS },
    unsafe: {
      allowUnsafeFsMonitor: true,
      allowUnsafeAskPass: true,
      allowUnsafeSshCommand: true,
      allowUnsafeConfigPaths: true,
      allowUnsafeConfigEnvCount: true,
      allowUnsafeCredentialHelper: true,
      allowUnsafeGitProxy: true,
    },
  }).env(environment);
}
