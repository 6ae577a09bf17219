// Bundles the extension into CommonJS files in dist/; `vscode` is provided by the host.
// dist/extension.js is what activation loads: a shell of about 1 KB that registers the contributed
// commands and requires dist/later.js on the next turn. dist/later.js holds the rest of what a window
// runs: the pieces the commands share, every handler, the Builds view, the API client and the builds'
// watcher. dist/onDemand.js holds the flows, git, the request rules and the live log, and is required
// the first time one is used. What later and onDemand both import lives once, in shared chunks
// (dist/chunk-*.js) that each requires: esbuild splits code only for ES modules, so those two are
// built as ES modules and then each file is turned into CommonJS, which is what VS Code loads. The
// shell shares no module with them, so it is one CommonJS file of its own.
import * as esbuild from 'esbuild';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
// `--metafile`: writes dist/meta.json, what each output holds (esbuild's analyzer reads it).
const metafile = process.argv.includes('--metafile');
const OUT_DIR = 'dist';

// ws tries these native add-ons and does without them; a throwing stub keeps them, and any .node file, out of the bundle.
const withoutNativeAddons = {
  name: 'without-native-addons',
  setup(build) {
    build.onResolve({ filter: /^(bufferutil|utf-8-validate)$/ }, (args) => ({ path: args.path, namespace: 'native-addon' }));
    build.onLoad({ filter: /.*/, namespace: 'native-addon' }, (args) => ({ contents: `throw new Error('${args.path} is not bundled');`, loader: 'js' }));
  },
};

// We open WebSockets and never serve them: `ws` is its client class alone (what its index exports as
// the default), without the server and stream helpers the index also loads.
const wsClientOnly = {
  name: 'ws-client-only',
  setup(build) {
    const client = join(dirname(createRequire(import.meta.url).resolve('ws')), 'lib', 'websocket.js');
    build.onResolve({ filter: /^ws$/ }, () => ({ path: client }));
  },
};

// A `require('./onDemand')` or `require('./later')` (from src/vscode/) or `require('./vscode/later')` (from
// the shell) stays a require of the other file at run time, not a copy of it.
const onDemandApart = {
  name: 'on-demand-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/(vscode\/)?(onDemand|later)$/ }, (args) =>
      args.kind === 'require-call' ? { path: `./${args.path.split('/').pop()}.js`, external: true } : undefined,
    );
  },
};

// Each ES module esbuild wrote becomes a CommonJS file (imports of chunks become requires), written to dist/
// in place of the last build's files.
const asCommonJs = {
  name: 'as-commonjs',
  setup(build) {
    build.onEnd(async (result) => {
      if (result.errors.length > 0) return;
      // The last build's bundles and chunks go (chunk names change with their content); the shell, built
      // on its own, and a .vsix stay.
      mkdirSync(OUT_DIR, { recursive: true });
      for (const name of readdirSync(OUT_DIR).filter((entry) => /\.js(\.map)?$/.test(entry) && !entry.startsWith('extension.'))) rmSync(`${OUT_DIR}/${name}`);
      for (const file of result.outputFiles) {
        if (!file.path.endsWith('.js')) continue;
        const name = basename(file.path);
        const converted = await esbuild.transform(file.text, {
          format: 'cjs',
          platform: 'node',
          target: 'node20',
          minify: production,
          legalComments: 'none',
          charset: 'utf8',
          sourcemap: production ? false : 'external',
          sourcefile: name,
        });
        const path = `${OUT_DIR}/${name}`;
        writeFileSync(path, production ? converted.code : `${converted.code}//# sourceMappingURL=${name}.map\n`);
        if (!production) writeFileSync(`${path}.map`, converted.map);
      }
      if (metafile) writeFileSync(`${OUT_DIR}/meta.json`, JSON.stringify(result.metafile));
      // The shell prints its own line once it is built.
      for (const name of readdirSync(OUT_DIR).filter((entry) => entry.endsWith('.js') && entry !== 'extension.js').sort()) {
        const bytes = statSync(`${OUT_DIR}/${name}`).size;
        console.log(`${OUT_DIR}/${name}: ${bytes} bytes (${(bytes / 1024).toFixed(1)} KiB${production ? ', minified' : ''})`);
      }
    });
  },
};

const options = {
  entryPoints: { later: 'src/vscode/later.ts', onDemand: 'src/vscode/onDemand.ts' },
  bundle: true,
  format: 'esm',
  splitting: true,
  chunkNames: 'chunk-[hash]',
  platform: 'node',
  target: 'node20',
  outdir: OUT_DIR,
  write: false,
  external: ['vscode'],
  alias: { debug: './src/git/quietDebug.ts' },
  // ESM builds first: they let esbuild drop what yup and simple-git export but we never use.
  mainFields: ['module', 'main'],
  minify: production,
  // Inline, so that the CommonJS step reads it and its own map leads back to the sources.
  sourcemap: production ? false : 'inline',
  sourcesContent: false,
  legalComments: 'none',
  // '…' and '·' as they are, not as \u2026 escapes.
  charset: 'utf8',
  logLevel: 'warning',
  metafile,
  plugins: [onDemandApart, wsClientOnly, withoutNativeAddons, asCommonJs],
};

// The shell: written after the split build, which clears dist/ of the last build's files first.
const shell = {
  entryPoints: { extension: 'src/extension.ts' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outdir: OUT_DIR,
  external: ['vscode'],
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  legalComments: 'none',
  charset: 'utf8',
  logLevel: 'warning',
  plugins: [onDemandApart],
};

if (watch) {
  const contexts = [await esbuild.context(options), await esbuild.context(shell)];
  for (const context of contexts) await context.watch();
  console.log('watching src/ ...');
} else {
  await esbuild.build(options);
  await esbuild.build(shell);
  const bytes = statSync(`${OUT_DIR}/extension.js`).size;
  console.log(`${OUT_DIR}/extension.js: ${bytes} bytes (${(bytes / 1024).toFixed(1)} KiB${production ? ', minified' : ''})`);
}
