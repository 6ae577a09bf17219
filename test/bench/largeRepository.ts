import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { git } from '../fixtures/workspace';
import { LARGE_FIXTURES_DIR } from './benchPaths';

export const LARGE_REPOSITORY_FILES = 100_000;
export const LARGE_REPOSITORY_COMMITS = 10_000;

export interface LargeRepository {
  dir: string;
  /** Set when this run made the repository; undefined when it came from the cache. */
  generatedMs?: number;
}

const LAYOUT_VERSION = 1;
const DIR = join(LARGE_FIXTURES_DIR, `repo-100k-10k-v${LAYOUT_VERSION}`);
const DONE_MARKER = `${DIR}.done`;
const FILES_PER_FOLDER = 100;

/**
 * A repository of 100,000 files and 10,000 commits, made with `git fast-import` (seconds, not
 * the minutes 10,000 `git commit` calls would take). `main` is checked out and equals its upstream
 * `origin/main`, as after a push; three tracked files are modified and three files are untracked.
 */
export async function ensureLargeRepository(): Promise<LargeRepository> {
  if (existsSync(DONE_MARKER) && existsSync(join(DIR, '.git'))) return { dir: DIR };
  const started = Date.now();
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  git(DIR, ['init', '--quiet', '--initial-branch=main']);
  await fastImport(DIR);
  git(DIR, ['remote', 'add', 'origin', 'https://example.invalid/bench/large.git']);
  git(DIR, ['update-ref', 'refs/remotes/origin/main', 'refs/heads/main']);
  git(DIR, ['branch', '--quiet', '--set-upstream-to=origin/main', 'main']);
  git(DIR, ['reset', '--quiet', '--hard']);
  // Files written in the same instant as the index are "racily clean" and get re-read by every
  // status; a user's index is older than their files' last change, so refresh it after a pause.
  await new Promise((resolveWait) => setTimeout(resolveWait, 1_100));
  git(DIR, ['update-index', '-q', '--refresh']);
  for (let i = 0; i < 3; i++) {
    appendFileSync(join(DIR, largeRepositoryPath(i * 7_919)), '// changed locally\n');
    writeFileSync(join(DIR, `notes-${i}.txt`), 'not committed\n');
  }
  writeFileSync(DONE_MARKER, `${new Date().toISOString()}\n`);
  return { dir: DIR, generatedMs: Date.now() - started };
}

/** Where generated file number `file` is in the repository; 0, 7,919 and 15,838 are the modified ones. */
export function largeRepositoryPath(file: number): string {
  return `src/area-${Math.floor(file / 10_000)}/module-${Math.floor(file / FILES_PER_FOLDER)}/file-${file}.ts`;
}

function fastImport(dir: string): Promise<void> {
  return new Promise((resolveImport, reject) => {
    const child = spawn('git', ['fast-import', '--quiet'], { cwd: dir, stdio: ['pipe', 'ignore', 'pipe'], env: gitEnvironment() });
    let errors = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (errors += chunk));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolveImport() : reject(new Error(`git fast-import exited with ${code}: ${errors}`))));

    const time = 1_700_000_000;
    const chunks: string[] = [];
    const flush = () => {
      child.stdin.write(chunks.join(''));
      chunks.length = 0;
    };
    const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
    chunks.push(`commit refs/heads/main\ncommitter Bench <bench@example.invalid> ${time} +0000\n${data('Initial import')}`);
    for (let file = 0; file < LARGE_REPOSITORY_FILES; file++) {
      chunks.push(`M 100644 inline ${largeRepositoryPath(file)}\n${data(`export const value${file} = ${file};\n`)}`);
      if (chunks.length >= 5_000) flush();
    }
    for (let commit = 1; commit < LARGE_REPOSITORY_COMMITS; commit++) {
      chunks.push(`commit refs/heads/main\ncommitter Bench <bench@example.invalid> ${time + commit * 60} +0000\n${data(`Change ${commit}`)}`);
      for (let change = 0; change < 3; change++) {
        const file = (commit * 7 + change * 31_337) % LARGE_REPOSITORY_FILES;
        chunks.push(`M 100644 inline ${largeRepositoryPath(file)}\n${data(`export const value${file} = ${commit};\n`)}`);
      }
      if (chunks.length >= 5_000) flush();
    }
    flush();
    child.stdin.end();
  });
}

function gitEnvironment(): NodeJS.ProcessEnv {
  return { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
}

/** `git status` as a person types it, for the baseline. */
export function plainGitStatus(dir: string): void {
  execFileSync('git', ['status'], { cwd: dir, stdio: 'ignore' });
}
