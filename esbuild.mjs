// Bundles the extension into two CommonJS files; `vscode` is provided by the host. dist/extension.js is
// what activation loads: commands, the status bar, the Builds view. dist/onDemand.js holds the flows,
// git, the request rules and the live log, and is required the first time one is used.
import * as esbuild from 'esbuild';
import { statSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const reportSize = {
  name: 'report-size',
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length > 0) return;
      for (const file of ['dist/extension.js', 'dist/onDemand.js']) {
        const bytes = statSync(file).size;
        console.log(`${file}: ${bytes} bytes (${(bytes / 1024).toFixed(1)} KiB${production ? ', minified' : ''})`);
      }
    });
  },
};

// ws tries these native add-ons and does without them; a throwing stub keeps them, and any .node file, out of the bundle.
const withoutNativeAddons = {
  name: 'without-native-addons',
  setup(build) {
    build.onResolve({ filter: /^(bufferutil|utf-8-validate)$/ }, (args) => ({ path: args.path, namespace: 'native-addon' }));
    build.onLoad({ filter: /.*/, namespace: 'native-addon' }, (args) => ({ contents: `throw new Error('${args.path} is not bundled');`, loader: 'js' }));
  },
};

// The entry's `import('…/onDemand')` stays a require of the other file at run time, not a copy of it.
const onDemandApart = {
  name: 'on-demand-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/onDemand$/ }, (args) => (args.kind === 'require-call' ? { path: './onDemand.js', external: true } : undefined));
  },
};

const options = {
  entryPoints: { extension: 'src/extension.ts', onDemand: 'src/vscode/onDemand.ts' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outdir: 'dist',
  external: ['vscode'],
  alias: { debug: './src/git/quietDebug.ts' },
  // ESM builds first: they let esbuild drop what yup and simple-git export but we never use.
  mainFields: ['module', 'main'],
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [onDemandApart, withoutNativeAddons, reportSize],
};

if (watch) {
  const context = await esbuild.context(options);
  await context.watch();
  console.log('watching src/ ...');
} else {
  await esbuild.build(options);
}
