import { resolve } from 'node:path';

// Compiled to out/test/vscode/, three levels below the repository.
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
export const CACHE_DIR = resolve(REPO_ROOT, '.cache');
export const CODE_SERVER_VERSION = '4.100.3';
export const CODE_SERVER_ENTRY = resolve(CACHE_DIR, `code-server-${CODE_SERVER_VERSION}`, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const SCREENSHOT_DIR = resolve(REPO_ROOT, 'test-results', 'screenshots');
/** The compiled integration suite that both launchers hand to the extension host. */
export const SUITE_INDEX = resolve(REPO_ROOT, 'out', 'test', 'vscode', 'suite', 'index.js');
