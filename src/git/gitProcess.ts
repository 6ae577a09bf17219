import { devNull } from 'node:os';
import { simpleGit, type SimpleGit } from 'simple-git';

/**
 * Reading a repository must never run code from it. Its own config (`.git/config` and whatever that
 * includes) and attributes are as untrusted as its files: the folder may have come from anyone. So a
 * read runs no hooks and no fsmonitor daemon (the two settings below), no filter driver
 * (`rawWithoutFilters`), never looks inside a submodule (see `PORCELAIN_STATUS_ARGS`), never contacts
 * a remote (`NO_REMOTE`), and takes no index refresh lock that could collide with the user's own git
 * commands (see `--no-optional-locks`). The commands it runs (rev-parse, config, status, for-each-ref,
 * symbolic-ref, remote -v, ls-tree and hash-object) run nothing else a config can name: they show no diff (so no
 * external diff or textconv), merge nothing, verify no signature, open no editor, start no pager (their
 * output is a pipe) and sign in nowhere. Arguments are constants or values git itself reported; a
 * commit and paths a caller names go after `--end-of-options` and `--`, where git reads no option.
 */
const READ_CONFIG = ['core.fsmonitor=false', `core.hooksPath=${devNull}`];
const READ_TIMEOUT_MS = 15_000;

/** A push may wait on the network and on the user's own pre-push hook; it is killed after this long without output. */
const PUSH_TIMEOUT_MS = 120_000;

/** Variables a push never needs and must not act on: it opens no editor or pager. */
const INTERACTIVE_VARIABLES = new Set(['editor', 'visual', 'git_editor', 'git_sequence_editor', 'pager', 'git_pager', 'git_external_diff', 'git_template_dir']);

/** Nor does a read sign in anywhere or reach a remote. simple-git would refuse most of these. */
const UNUSED_BY_READS = new Set([...INTERACTIVE_VARIABLES, 'git_askpass', 'ssh_askpass', 'git_ssh', 'git_ssh_command', 'git_proxy_command']);

/**
 * A partial clone fetches the objects it lacks when a command needs one (status needs HEAD's
 * trees), through the remote its config names: an upload-pack, `core.sshCommand` or an `ext::`
 * command of the repository's choosing. A read fetches nothing: lazy fetching is off (git 2.39.4 and
 * later), and no transport is allowed at all, which also holds for an older git and overrides any
 * `protocol.*.allow` in the config. Such a read then fails, saying which object is missing.
 */
const NO_REMOTE = { GIT_NO_LAZY_FETCH: '1', GIT_ALLOW_PROTOCOL: '' /* an empty list */ };

/**
 * A path a read names after `--` is a path, never a pattern: the user's environment may turn every
 * pathspec into a glob or make it ignore case, and git refuses `literal` beside those settings.
 */
const LITERAL_PATHS = { GIT_LITERAL_PATHSPECS: '1', GIT_GLOB_PATHSPECS: '', GIT_NOGLOB_PATHSPECS: '', GIT_ICASE_PATHSPECS: '' };

/** Set to nothing in a read's environment, for `--config-env` to empty a setting with. */
const EMPTY_VARIABLE = 'NORTHFLANK_BUILD_EMPTY';

/**
 * Every filter driver setting in every config git reads, includes followed: `filter.<name>.<key>`,
 * each ending in NUL. simple-git waits 50 ms longer for a command that prints nothing, and most
 * repositories have no filter, so the listing also prints a setting made for it alone.
 */
const FILTER_SETTINGS_ARGS = ['-c', 'northflank-build.listed=true', 'config', '-z', '--name-only', '--get-regexp', '^(filter\\.|northflank-build\\.listed$)'];
const FILTER_PREFIX = 'filter.';

export function gitForReading(folder: string): SimpleGit {
  return simpleGit({
    baseDir: folder,
    config: READ_CONFIG,
    timeout: { block: READ_TIMEOUT_MS },
    unsafe: {
      // Our own settings above and the emptied filters of `rawWithoutFilters`; simple-git would otherwise refuse them.
      allowUnsafeFsMonitor: true,
      allowUnsafeHooksPath: true,
      allowUnsafeFilter: true,
      // The user's own config paths in their environment, which a read has always followed.
      allowUnsafeConfigPaths: true,
      allowUnsafeConfigEnvCount: true,
    },
  }).env({ ...environmentWithout(UNUSED_BY_READS), ...NO_REMOTE, ...LITERAL_PATHS, [EMPTY_VARIABLE]: '' });
}

/**
 * Runs `args` (with a git from `gitForReading`) with every filter driver turned off. `git status`
 * hashes each file whose timestamp changed to see whether its content did, and first passes it
 * through the clean filter its attributes name: a command from the config, and the attributes
 * (`.gitattributes`, `.git/info/attributes`) come with the repository too. Git has no switch that
 * turns filters off, so this asks git which drivers its config names (one quick process, before
 * `args`) and empties each one's commands. The user's own drivers (Git LFS) are turned off too: a
 * read needs none, and running Git LFS's would copy the file into `.git/lfs`. The price is that
 * such a file whose timestamp changed counts as changed until the user's own git refreshes the index.
 */
export async function rawWithoutFilters(git: SimpleGit, args: readonly string[]): Promise<string> {
  return git.raw([...filtersOff(await git.raw(FILTER_SETTINGS_ARGS)), ...args]);
}

/**
 * Arguments that empty each driver the `FILTER_SETTINGS_ARGS` output names and make it optional (a
 * required driver without a command is an error). `--config-env` takes a name holding `=`, which
 * `-c` would split at; `.gitattributes` can name such a driver.
 */
function filtersOff(settings: string): string[] {
  const names = new Set<string>();
  for (const setting of settings.split('\0')) {
    // A name may hold dots, or be empty; `filter.<key>` alone names no driver.
    const keyDot = setting.lastIndexOf('.');
    if (setting.startsWith(FILTER_PREFIX) && keyDot >= FILTER_PREFIX.length) names.add(setting.slice(FILTER_PREFIX.length, keyDot));
  }
  return [...names].flatMap((name) => ['clean', 'smudge', 'process', 'required'].map((key) => `--config-env=${FILTER_PREFIX}${name}.${key}=${EMPTY_VARIABLE}`));
}

/**
 * A push runs with the user's environment (their SSH command, askpass or config paths are theirs,
 * not input we received) but never prompts in a terminal nobody sees.
 * It runs the user's pre-push hook, exactly as `git push` in their terminal would.
 */
export function gitForPushing(root: string): SimpleGit {
  const environment = environmentWithout(INTERACTIVE_VARIABLES);
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

/** This process's environment without the variables named (lower case) in `unused`. */
function environmentWithout(unused: ReadonlySet<string>): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !unused.has(name.toLowerCase())) environment[name] = value;
  }
  return environment;
}
