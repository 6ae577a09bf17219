import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CODE_SERVER_ENTRY } from './paths';
import { freePort } from './freePort';

export interface CodeServerOptions {
  /** Port on 127.0.0.1; a free one when omitted. */
  port?: number;
  /** Folder for user data, extensions and code-server's own config; a fresh temp folder when omitted. */
  stateDir?: string;
  /** User settings (User/settings.json in the user-data dir). */
  userSettings?: Record<string, unknown>;
  /** Keep workspace trust on, for tests of the untrusted-workspace behaviour. */
  workspaceTrust?: boolean;
  /** Extra environment for code-server and so for the extension host it starts. */
  env?: Record<string, string>;
  /** Receives code-server's own output, line by line; dropped when omitted. */
  onOutput?: (line: string) => void;
}

export interface WorkbenchUrlOptions {
  folder: string;
  extensionDevelopmentPath?: string;
  extensionTestsPath?: string;
}

export interface CodeServer {
  port: number;
  /** e.g. http://127.0.0.1:43123 */
  origin: string;
  /** The workbench URL opening `folder`, with the extension under development (and a test suite) loaded. */
  workbenchUrl(options: WorkbenchUrlOptions): string;
  stop(): Promise<void>;
}

// Quiet defaults so that nothing but the extension under test draws on the screen.
const DEFAULT_USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'git.openRepositoryInParentFolders': 'never',
  'window.restoreWindows': 'none',
};

export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  if (!existsSync(CODE_SERVER_ENTRY)) {
    throw new Error('code-server is not installed in .cache/; run `bash test/vscode/setup.sh` first.');
  }
  const port = options.port ?? (await freePort());
  const ownsStateDir = options.stateDir === undefined;
  const stateDir = options.stateDir ?? mkdtempSync(join(tmpdir(), 'nf-code-server-'));
  const userDataDir = join(stateDir, 'user-data');
  const extensionsDir = join(stateDir, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  mkdirSync(join(stateDir, 'xdg-config'), { recursive: true });
  mkdirSync(join(stateDir, 'xdg-data'), { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...DEFAULT_USER_SETTINGS, ...options.userSettings }, null, 2),
  );

  const args = [
    CODE_SERVER_ENTRY,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...(options.workspaceTrust === true ? [] : ['--disable-workspace-trust']),
  ];
  // Its own process group, so stop() also ends the extension host and the other helpers it starts.
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      XDG_CONFIG_HOME: join(stateDir, 'xdg-config'),
      XDG_DATA_HOME: join(stateDir, 'xdg-data'),
      ...options.env,
    },
  });
  forwardLines(child, options.onOutput ?? (() => {}));
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));

  const origin = `http://127.0.0.1:${port}`;
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await killGroup(child, exited);
    if (ownsStateDir) rmSync(stateDir, { recursive: true, force: true });
  };

  try {
    await waitUntilServing(origin, child, 30_000);
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    port,
    origin,
    workbenchUrl: ({ folder, extensionDevelopmentPath, extensionTestsPath }) => {
      const remote = (path: string) => `vscode-remote://127.0.0.1:${port}${path}`;
      const payload: [string, string][] = [];
      if (extensionDevelopmentPath !== undefined) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
      if (extensionTestsPath !== undefined) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
      const query = `folder=${encodeURIComponent(folder)}`;
      return payload.length === 0 ? `${origin}/?${query}` : `${origin}/?${query}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    },
    stop,
  };
}

function forwardLines(child: ChildProcess, onLine: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    let pending = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      lines.forEach(onLine);
    });
  }
}

async function waitUntilServing(origin: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with code ${child.exitCode} before serving`);
    try {
      const response = await fetch(`${origin}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 200));
  }
  throw new Error(`code-server did not answer on ${origin} within ${timeoutMs / 1000} s`);
}

async function killGroup(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null) return;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // the group is already gone
    }
  };
  signalGroup('SIGTERM');
  await Promise.race([exited, new Promise((resolveTimeout) => setTimeout(resolveTimeout, 5_000))]);
  // The extension host and helpers may outlive the server process itself.
  signalGroup('SIGKILL');
}
