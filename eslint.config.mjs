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
    // The core runs in plain Node and is tested there; only src/vscode may touch the editor API.
    files: pureCore,
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'The pure core must not import vscode.' }] }] },
  },
);
