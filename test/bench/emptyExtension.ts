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
  const real = JSON.parse(readFileSync(join(realExtensionDir, 'package.json'), 'utf8')) as Record<string, unknown>;
  if (!Array.isArray(real.activationEvents) || real.activationEvents.length === 0) {
    throw new Error(`the packaged package.json lists no activationEvents to copy`);
  }
  const [publisher, name] = EMPTY_EXTENSION_ID.split('.');
  const dir = join(extensionsDir, `${EMPTY_EXTENSION_ID}-${VERSION}`);
  mkdirSync(dir, { recursive: true });
  const manifest = {
    name,
    publisher,
    version: VERSION,
    engines: real.engines,
    main: './extension.js',
    activationEvents: real.activationEvents,
    ...(real.extensionKind === undefined ? {} : { extensionKind: real.extensionKind }),
  };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(dir, 'extension.js'), 'exports.activate = () => {};\n');
  return dir;
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
  const real = JSON.parse(readFileSync(join(realExtensionDir, 'package.json'), 'utf8')) as Record<string, unknown>;
  const [publisher, name] = PING_EXTENSION_ID.split('.');
  const dir = join(extensionsDir, `${PING_EXTENSION_ID}-${VERSION}`);
  mkdirSync(dir, { recursive: true });
  const manifest = {
    name,
    publisher,
    version: VERSION,
    engines: real.engines,
    main: './extension.js',
    activationEvents: ['onStartupFinished'],
    ...(real.extensionKind === undefined ? {} : { extensionKind: real.extensionKind }),
    contributes: { commands: [{ command: 'benchPing.ping', title: PING_COMMAND_TITLE }] },
  };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(
    join(dir, 'extension.js'),
    [
      "const { appendFileSync } = require('node:fs');",
      "const vscode = require('vscode');",
      'exports.activate = (context) => {',
      "  context.subscriptions.push(vscode.commands.registerCommand('benchPing.ping', () => appendFileSync(process.env.NORTHFLANK_BENCH_PING_FILE, `${Date.now()}\\n`)));",
      '};',
      '',
    ].join('\n'),
  );
  return dir;
}
