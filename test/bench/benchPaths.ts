import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from '../vscode/paths';

/** Output folder of `npm run bench`; git-ignored, like everything the bench writes. */
export const BENCH_DIR = resolve(REPO_ROOT, 'bench');
/** Small generated files: the unpacked .vsix, the 10,000-line Dockerfile. */
export const FIXTURES_DIR = resolve(BENCH_DIR, '.fixtures');
/**
 * The 100,000-file workspace and repository, kept between runs because they take a while to make.
 * Outside the repository on purpose: `vsce package` lists every file under the extension's folder
 * before applying .vscodeignore, and 200,000 more files made packaging about ten times slower.
 */
export const LARGE_FIXTURES_DIR = process.env.NORTHFLANK_BENCH_FIXTURES ?? join(tmpdir(), 'northflank-build-bench-fixtures');
export const RESULTS_FILE = resolve(BENCH_DIR, 'results.json');
export const VSIX_FILE = resolve(REPO_ROOT, 'dist', 'northflank-build.vsix');
/** The packaged extension unpacked from the .vsix: what the VS Code measurements load. */
export const UNPACKED_EXTENSION_DIR = resolve(FIXTURES_DIR, 'extension');
