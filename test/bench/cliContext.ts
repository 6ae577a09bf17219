import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from '../vscode/paths';

/** The official CLI as npm installs it from the @northflank/cli devDependency. */
export const CLI_BIN = resolve(REPO_ROOT, 'node_modules', '.bin', 'northflank');

export interface CliHome {
  dir: string;
  remove(): void;
}

/**
 * A throwaway HOME whose ~/.northflank/config.json (the file `northflank login` writes) holds one
 * context with the token and the emulator as its host.
 * `lastUpdateCheck` is written as epoch milliseconds: the CLI reads it with Number(), so the ISO
 * string it writes itself parses as NaN and it asks the npm registry for a newer version on every
 * run, before the command. The bench leaves that network call out of the CLI's time.
 */
export function createCliHome(host: string, token: string): CliHome {
  const dir = mkdtempSync(join(tmpdir(), 'nf-bench-cli-home-'));
  mkdirSync(join(dir, '.northflank'), { recursive: true });
  const config = { current: 'bench', contexts: [{ name: 'bench', token, host }], lastUpdateCheck: Date.now() };
  writeFileSync(join(dir, '.northflank', 'config.json'), JSON.stringify(config, null, '\t'), { mode: 0o640 });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `northflank --version`: the CLI's start-up and module loading, without a request. */
export function runCliVersion(home: CliHome): Promise<void> {
  return runCli(home, ['--version']);
}

/** `northflank start service build --projectId … --serviceId … --input '{…}'`; resolves when the CLI exits, rejects if it fails. */
export function runCliStartBuild(home: CliHome, projectId: string, serviceId: string, body: unknown): Promise<void> {
  return runCli(home, ['start', 'service', 'build', '--projectId', projectId, '--serviceId', serviceId, '--input', JSON.stringify(body), '-o', 'json']);
}

function runCli(home: CliHome, args: string[]): Promise<void> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(CLI_BIN, args, { env: { ...process.env, HOME: home.dir }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 && !/Failed:/.test(output) ? resolveRun() : reject(new Error(`the CLI failed (exit ${code}): ${output.trim()}`))));
  });
}
