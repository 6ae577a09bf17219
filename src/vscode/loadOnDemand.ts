/**
 * The on-demand bundle (see onDemand.ts), loaded on first call. A plain require: esbuild keeps it as a
 * require of dist/onDemand.js, beside dist/extension.js; compiled by tsc (the tests), it is the module.
 */
export function loadOnDemand(): Promise<typeof import('./onDemand')> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return Promise.resolve().then(() => require('./onDemand') as typeof import('./onDemand'));
}
