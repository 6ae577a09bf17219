// Bundles the extension into one CommonJS file; `vscode` is provided by the host.
import * as esbuild from 'esbuild';
import { statSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const reportSize = {
  name: 'report-size',
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length > 0) return;
      const bytes = statSync('dist/extension.js').size;
      console.log(`dist/extension.js: ${bytes} bytes (${(bytes / 1024).toFixed(1)} KiB${production ? ', minified' : ''})`);
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

const options = {
  entryPoints: ['src/extension.ts'],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outfile: 'dist/extension.js',
  external: ['vscode'],
  alias: { debug: './src/git/quietDebug.ts' },
  // ESM builds first: they let esbuild drop what yup and simple-git export but we never use.
  mainFields: ['module', 'main'],
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [withoutNativeAddons, reportSize],
};

if (watch) {
  const context = await esbuild.context(options);
  await context.watch();
  console.log('watching src/ ...');
} else {
  await esbuild.build(options);
}
