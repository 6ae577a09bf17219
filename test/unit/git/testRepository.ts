import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { devNull, tmpdir } from 'node:os';
import { join } from 'node:path';

/** Git for setting up test repositories, independent of the machine's global and system config. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync(
    'git',
    ['-c', 'user.name=Test Author', '-c', 'user.email=test@example.invalid', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args],
    { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: devNull, GIT_CONFIG_NOSYSTEM: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
  ).trim();
}

/**
 * For the tests of the `describe` block it is called in: the git under test (which takes this
 * process's environment) reads neither the global nor the system config, since a developer's own
 * settings (insteadOf rules, core.autocrlf) would change what it reports.
 */
export function ignoreMachineGitConfig(): void {
  const saved = { GIT_CONFIG_GLOBAL: process.env.GIT_CONFIG_GLOBAL, GIT_CONFIG_NOSYSTEM: process.env.GIT_CONFIG_NOSYSTEM };
  before(() => {
    process.env.GIT_CONFIG_GLOBAL = devNull;
    process.env.GIT_CONFIG_NOSYSTEM = '1';
  });
  after(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
}

const created: string[] = [];

/** A new empty folder, its path with symlinks resolved (as git reports paths). Removed by `removeTemporaryFolders`. */
export function temporaryFolder(): string {
  const folder = realpathSync(mkdtempSync(join(tmpdir(), 'nf-git-')));
  created.push(folder);
  return folder;
}

export function removeTemporaryFolders(): void {
  for (const folder of created.splice(0)) rmSync(folder, { recursive: true, force: true });
}

export function commitFile(root: string, name: string, content: string, message = `change ${name}`): string {
  writeFileSync(join(root, name), content);
  git(root, 'add', '--', name);
  git(root, 'commit', '-q', '-m', message);
  return git(root, 'rev-parse', 'HEAD');
}

/** A repository with one commit on `main`, pushed to a bare `origin` that is its upstream. */
export function pushedRepository(): { root: string; origin: string; sha: string } {
  const parent = temporaryFolder();
  const origin = join(parent, 'origin.git');
  const root = join(parent, 'work');
  git(parent, 'init', '-q', '--bare', origin);
  git(parent, 'init', '-q', root);
  const sha = commitFile(root, 'Dockerfile', 'FROM alpine\n', 'first');
  git(root, 'remote', 'add', 'origin', origin);
  git(root, 'push', '-q', '-u', 'origin', 'main');
  return { root, origin, sha };
}

/** A teammate's commit reaches `origin`'s main from another clone; resolves to its sha. `root` has not fetched it. */
export function teammatePushes(root: string, origin: string, name = 'theirs.txt'): string {
  const other = join(temporaryFolder(), 'other');
  git(root, 'clone', '-q', origin, other);
  const sha = commitFile(other, name, 'theirs');
  git(other, 'push', '-q', 'origin', 'main');
  return sha;
}

/**
 * A shell command that leaves a mark when anything runs it, then fails. Set it where a repository's config
 * names a command (a filter, an upload-pack, a helper) to see whether reading the repository ran it.
 */
export function tripwire(): { command: string; script: string; tripped: () => boolean } {
  const folder = temporaryFolder();
  const mark = join(folder, 'ran');
  const script = join(folder, 'tripwire.sh');
  writeFileSync(script, `#!/bin/sh\ntouch '${mark}'\nexit 1\n`);
  chmodSync(script, 0o755);
  return { command: `'${script}'`, script, tripped: () => existsSync(mark) };
}

/** Settings by which a repository's config names a command for git to run, besides filters and fsmonitor. */
const COMMAND_SETTINGS = [
  'diff.external',
  'diff.evil.textconv',
  'diff.evil.command',
  'merge.evil.driver',
  'core.pager',
  'pager.status',
  'pager.config',
  'pager.remote',
  'core.editor',
  'sequence.editor',
  'gpg.program',
  'gpg.ssh.program',
  'core.askPass',
  'credential.helper',
  'core.sshCommand',
  'core.gitProxy',
  'remote.ssh.uploadpack',
  'remote.ssh.receivepack',
  'core.alternateRefsCommand',
  'uploadpack.packObjectsHook',
];
/** Aliases run a command too (`!`), though git never lets one stand in for a built-in command. */
const ALIASED_COMMANDS = ['status', 'config', 'remote', 'rev-parse', 'for-each-ref', 'symbolic-ref'];
/** Hooks that a command which writes the index or a ref would run. */
const HOOKS = ['post-index-change', 'reference-transaction'];

/**
 * Arms every command a repository's config (and hooks folder) can name, besides filters and
 * fsmonitor, each with a tripwire of its own, along with what makes it apply: attributes naming the
 * diff and merge drivers, signatures shown in logs, an alternate object store, and remotes reached
 * over ssh, git:// and an ext:: command. Returns what ran.
 */
export function armConfiguredCommands(root: string): () => string[] {
  const armed = new Map<string, () => boolean>();
  for (const setting of COMMAND_SETTINGS) {
    const wire = tripwire();
    // Some run through the shell and some not, so the bare path: a temporary folder's holds no space.
    git(root, 'config', setting, wire.script);
    armed.set(setting, wire.tripped);
  }
  for (const command of ALIASED_COMMANDS) {
    const wire = tripwire();
    git(root, 'config', `alias.${command}`, `!${wire.script}`);
    armed.set(`alias.${command}`, wire.tripped);
  }
  const gitDir = git(root, 'rev-parse', '--absolute-git-dir');
  for (const hook of HOOKS) {
    const wire = tripwire();
    copyFileSync(wire.script, join(gitDir, 'hooks', hook));
    chmodSync(join(gitDir, 'hooks', hook), 0o755);
    armed.set(`hooks/${hook}`, wire.tripped);
  }
  const ext = tripwire();
  git(root, 'remote', 'add', 'ext', `ext::${ext.script}`);
  git(root, 'config', 'protocol.ext.allow', 'always');
  armed.set('remote.ext.url', ext.tripped);
  git(root, 'config', 'remote.ssh.url', 'ssh://git.example.invalid/shop.git');
  git(root, 'config', 'remote.proxied.url', 'git://git.example.invalid/shop.git');
  git(root, 'config', 'log.showSignature', 'true');
  writeFileSync(join(gitDir, 'info', 'attributes'), '* diff=evil merge=evil\n');
  const alternate = temporaryFolder();
  git(alternate, 'init', '-q', '--bare');
  writeFileSync(join(gitDir, 'objects', 'info', 'alternates'), `${join(alternate, 'objects')}\n`);
  return () => [...armed].filter(([, tripped]) => tripped()).map(([name]) => name);
}
