/**
 * Stands in for the `debug` package inside the bundle. simple-git only logs
 * through it when DEBUG names it, which never happens in the extension host,
 * and the real package (with supports-color) costs about 10 KB of bundle.
 */
interface Debugger {
  (...args: unknown[]): void;
  namespace: string;
  enabled: boolean;
  extend(name: string): Debugger;
}

function createDebug(namespace: string): Debugger {
  const log = (() => undefined) as unknown as Debugger;
  log.namespace = namespace;
  log.enabled = false;
  log.extend = (name: string) => createDebug(`${namespace}:${name}`);
  return log;
}

createDebug.formatters = {} as Record<string, (value: unknown) => string>;

export = createDebug;
