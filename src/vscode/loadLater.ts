/**
 * The bundle of what is needed after activation (see later.ts), loaded on first call. A plain require, as
 * its callers are synchronous: esbuild keeps it as a require of dist/later.js, beside dist/extension.js;
 * compiled by tsc (the tests), it is the module.
 */
export function loadLater(): typeof import('./later') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./later') as typeof import('./later');
}
