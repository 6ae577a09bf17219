import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LARGE_FIXTURES_DIR } from './benchPaths';

export const DISCOVERY_FILE_COUNT = 100_000;

export interface DiscoveryWorkspace {
  dir: string;
  /** The Dockerfiles discovery must find, relative with '/': none under node_modules or an excluded folder. */
  expected: string[];
  /** How many Dockerfiles lie in node_modules and the excluded folders, to be skipped. */
  hidden: number;
  /** Set when this run made the workspace; undefined when it came from the cache. */
  generatedMs?: number;
}

// Bump when the layout changes, so a cached workspace of an older layout is made again.
const LAYOUT_VERSION = 1;
const DIR = join(LARGE_FIXTURES_DIR, `workspace-100k-v${LAYOUT_VERSION}`);
const MANIFEST = `${DIR}.json`;
const FILES_PER_FOLDER = 100;

const SETTINGS = {
  'files.exclude': { '**/generated': true },
  'search.exclude': { '**/vendor': true },
};

const VISIBLE_DOCKERFILES = [
  'Dockerfile',
  'docker/api.Dockerfile',
  'docker/worker.dockerfile',
  'tools/Containerfile',
  ...Array.from({ length: 10 }, (_, i) => `services/svc-${i}/Dockerfile`),
  'services/svc-3/Dockerfile.dev',
];

/**
 * A monorepo-like workspace of exactly 100,000 files: sources, a large node_modules, a vendor
 * folder hidden by search.exclude and a generated folder hidden by files.exclude, the last three
 * each holding Dockerfiles that discovery must skip. Made once, in a few seconds, then reused.
 */
export function ensureDiscoveryWorkspace(): DiscoveryWorkspace {
  if (existsSync(MANIFEST) && existsSync(DIR)) return { dir: DIR, ...(JSON.parse(readFileSync(MANIFEST, 'utf8')) as { expected: string[]; hidden: number }) };
  const started = Date.now();
  rmSync(DIR, { recursive: true, force: true });

  const files = new Map<string, string>();
  files.set('.vscode/settings.json', `${JSON.stringify(SETTINGS, null, 2)}\n`);
  for (const path of VISIBLE_DOCKERFILES) files.set(path, 'FROM node:20-alpine AS build\nRUN npm ci\nFROM node:20-alpine\nCOPY --from=build /app /app\n');
  let hidden = 0;
  const addTree = (root: string, count: number, dockerfileEvery: number) => {
    for (let i = 0; i < count; i++) {
      const folder = `${root}/pkg-${Math.floor(i / FILES_PER_FOLDER)}`;
      if (i % FILES_PER_FOLDER === 0 && Math.floor(i / FILES_PER_FOLDER) % dockerfileEvery === 0) {
        files.set(`${folder}/Dockerfile`, 'FROM scratch\n');
        hidden++;
        continue;
      }
      files.set(`${folder}/file-${i}.js`, `module.exports = ${i};\n`);
    }
  };
  addTree('node_modules', 30_000, 10);
  addTree('node_modules/@scope/nested/node_modules', 2_000, 5);
  addTree('vendor', 8_000, 8);
  addTree('generated', 8_000, 8);
  const sources = DISCOVERY_FILE_COUNT - files.size;
  for (let i = 0; i < sources; i++) {
    files.set(`src/area-${Math.floor(i / 5_000)}/module-${Math.floor(i / FILES_PER_FOLDER)}/file-${i}.ts`, `export const value${i} = ${i};\n`);
  }
  if (files.size !== DISCOVERY_FILE_COUNT) throw new Error(`the discovery workspace layout makes ${files.size} files, not ${DISCOVERY_FILE_COUNT}`);

  const made = new Set<string>();
  for (const [path, content] of files) {
    const target = join(DIR, path);
    const folder = dirname(target);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    writeFileSync(target, content);
  }
  const manifest = { expected: [...VISIBLE_DOCKERFILES].sort(), hidden };
  writeFileSync(MANIFEST, JSON.stringify(manifest));
  return { dir: DIR, ...manifest, generatedMs: Date.now() - started };
}
