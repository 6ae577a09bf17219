import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
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
