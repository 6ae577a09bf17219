import tseslint from 'typescript-eslint';

const pureCore = ['src/northflank/**', 'src/git/**', 'src/repository/**', 'src/dockerfile/**', 'src/build/**', 'src/watch/**', 'src/links/**', 'src/buildLog/**'];

export default tseslint.config(
  // Generated output, as in .gitignore: builds, the bench's results and fixtures, screenshots and test totals.
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.cache/**', 'bench/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
      'no-console': 'off',
    },
  },
  {
    // `import vscode = require('vscode')` binds the host's API object as it is. Each `import * as vscode`
    // made the bundle copy its ~300 properties into a new namespace object, once per importing module,
    // at load (esbuild's interop for a CommonJS external): about 20 ms of the extension's load.
    files: ['src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-require-imports': ['error', { allow: ['^vscode$'] }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='vscode'][importKind!='type'] > ImportNamespaceSpecifier",
          message: "Write import vscode = require('vscode'): a namespace import copies the whole API in each module that loads.",
        },
      ],
    },
  },
  {
    // The core runs in plain Node and is tested there; only src/vscode may touch the editor API.
    files: pureCore,
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'The pure core must not import vscode.' }] }] },
  },
);
