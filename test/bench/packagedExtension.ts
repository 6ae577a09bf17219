import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from '../vscode/paths';
import { UNPACKED_EXTENSION_DIR, VSIX_FILE } from './benchPaths';
import { readZip } from './vsixArchive';

export interface PackagedExtension {
  /** What activation loads, as packaged: the minified dist/extension.js and the shared chunks it requires. */
  bundleBytes: number;
  vsixBytes: number;
  /** The .vsix unpacked: a folder VS Code can load as the extension under development. */
  extensionDir: string;
  /** Every file in the .vsix, largest first. */
  files: { name: string; bytes: number; compressedBytes: number }[];
}

const PACKAGED_BUNDLE = 'extension/dist/extension.js';

/**
 * `npm run package` (a production build, then vsce), then the sizes read from the .vsix itself.
 * The VS Code measurements run the unpacked .vsix, so a development build written to dist/ by
 * a test run in the same tree cannot end up being measured.
 */
export function packageExtension(): PackagedExtension {
  execFileSync('npm', ['run', 'package', '--silent'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const archive = readFileSync(VSIX_FILE);
  const entries = readZip(archive);
  const bundle = entries.find((entry) => entry.name === PACKAGED_BUNDLE);
  if (!bundle) throw new Error(`${VSIX_FILE} holds no ${PACKAGED_BUNDLE}`);
  if (bundle.content().includes('sourceMappingURL=')) {
    throw new Error('the .vsix holds a development build of dist/extension.js: something ran `npm run build:dev` while packaging. Run the bench again.');
  }

  rmSync(UNPACKED_EXTENSION_DIR, { recursive: true, force: true });
  for (const entry of entries) {
    if (!entry.name.startsWith('extension/') || entry.name.endsWith('/')) continue;
    const target = join(UNPACKED_EXTENSION_DIR, entry.name.slice('extension/'.length));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, entry.content());
  }
  return {
    bundleBytes: loadedWith(PACKAGED_BUNDLE, entries),
    vsixBytes: statSync(VSIX_FILE).size,
    extensionDir: UNPACKED_EXTENSION_DIR,
    files: entries
      .map((entry) => ({ name: entry.name, bytes: entry.size, compressedBytes: entry.compressedSize }))
      .sort((a, b) => b.compressedBytes - a.compressedBytes),
  };
}

/** The bytes of `name` and of every file of the .vsix it requires (`require("./chunk-….js")`), each once. */
function loadedWith(name: string, entries: ReturnType<typeof readZip>): number {
  const seen = new Set<string>();
  const visit = (path: string): number => {
    if (seen.has(path)) return 0;
    seen.add(path);
    const entry = entries.find((candidate) => candidate.name === path);
    if (!entry) throw new Error(`${path} is required by the extension but not in the .vsix`);
    const required = [...entry.content().toString('utf8').matchAll(/require\("\.\/(chunk-[\w-]+\.js)"\)/g)].map((match) => `${dirname(path)}/${match[1]}`);
    return entry.size + required.reduce((sum, next) => sum + visit(next), 0);
  };
  return visit(name);
}
