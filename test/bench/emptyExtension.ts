import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const EMPTY_EXTENSION_ID = 'northflank-bench.bench-empty';
const VERSION = '0.0.1';

/**
 * Installs an extension that does nothing into `extensionsDir` (code-server's --extensions-dir,
 * before it starts: it then lists the folder as installed), activated by the same events as the
 * real one and run in the same kind of extension host. Its load and activate() times, taken in
 * the same windows, are what any extension costs there; subtracted from ours, they leave what
 * our own code costs. The web workbench keeps only one extension under development (its URL
 * payload is read into a Map), so this one is installed instead.
 */
export function installEmptyExtension(realExtensionDir: string, extensionsDir: string): string {
  const real = readManifest(realExtensionDir);
  if (!Array.isArray(real.activationEvents) || real.activationEvents.length === 0) {
    throw new Error(`the packaged package.json lists no activationEvents to copy`);
  }
  return installBenchExtension(extensionsDir, EMPTY_EXTENSION_ID, real, { activationEvents: real.activationEvents }, 'exports.activate = () => {};\n');
}

export const PING_EXTENSION_ID = 'northflank-bench.bench-ping';
export const PING_COMMAND_TITLE = 'Bench Ping: Ping';

/**
 * Installs an extension whose one command does nothing but write when it ran, as a line of epoch
 * milliseconds appended to the file named by NORTHFLANK_BENCH_PING_FILE in its extension host's
 * environment. Started from the Command Palette like Start Build, it gives the floor no extension can
 * go under: Enter to the command's handler, which is VS Code's part of Start Build's time. It is
 * active once the window has started, as ours is.
 */
export function installPingExtension(realExtensionDir: string, extensionsDir: string): string {
  const code = [
    "const { appendFileSync } = require('node:fs');",
    "const vscode = require('vscode');",
    'exports.activate = (context) => {',
    "  context.subscriptions.push(vscode.commands.registerCommand('benchPing.ping', () => appendFileSync(process.env.NORTHFLANK_BENCH_PING_FILE, `${Date.now()}\\n`)));",
    '};',
    '',
  ].join('\n');
  const own = { activationEvents: ['onStartupFinished'], contributes: { commands: [{ command: 'benchPing.ping', title: PING_COMMAND_TITLE }] } };
  return installBenchExtension(extensionsDir, PING_EXTENSION_ID, readManifest(realExtensionDir), own, code);
}

function readManifest(extensionDir: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(extensionDir, 'package.json'), 'utf8')) as Record<string, unknown>;
}

/** Writes an extension of ours for the bench, for the same VS Code and extension host kind as the real one. */
function installBenchExtension(extensionsDir: string, id: string, real: Record<string, unknown>, own: Record<string, unknown>, code: string): string {
  const [publisher, name] = id.split('.');
  const dir = join(extensionsDir, `${id}-${VERSION}`);
  mkdirSync(dir, { recursive: true });
  const manifest = {
    name,
    publisher,
    version: VERSION,
    engines: real.engines,
    main: './extension.js',
    ...(real.extensionKind === undefined ? {} : { extensionKind: real.extensionKind }),
    ...own,
  };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(dir, 'extension.js'), code);
  return dir;
}
