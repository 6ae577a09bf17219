// Installs the npm packages when they are missing or no longer match package-lock.json, so that
// `npm test` and `npm run demo` work as the first command after `git clone`. Plain Node, no
// dependencies: it runs before there is a node_modules. With everything in place it only hashes
// the lock file (a few milliseconds) and returns.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const lock = join(root, 'package-lock.json');
const stamp = join(root, 'node_modules', '.northflank-lock-hash');

const wanted = createHash('sha256').update(readFileSync(lock)).digest('hex');
const installed = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : undefined;
if (installed === wanted) process.exit(0);

console.error(installed === undefined ? 'setup: installing the npm packages (npm ci)…' : 'setup: package-lock.json changed; reinstalling the npm packages (npm ci)…');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
if (result.status !== 0) {
  console.error(`setup: npm ci failed (exit ${result.status ?? result.signal}). Check the network access to the npm registry and run again.`);
  process.exit(result.status ?? 1);
}
writeFileSync(stamp, `${wanted}\n`);
