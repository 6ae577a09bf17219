/**
 * Where what git said is kept between reads, and between windows: a workspace's `vscode.Memento`
 * fits. Only what can be proven still true when it is used is kept (see headSnapshot.ts and
 * committedFile.ts), so a memory never makes a read say something git would not.
 */
export interface ReadMemory {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

/** `entry` first under `key`, without the entries `same` matches, at most `kept` in all. */
export function rememberFirst<T>(memory: ReadMemory, key: string, entry: T, same: (kept: T) => boolean, kept: number): Thenable<void> {
  const others = remembered<T>(memory, key).filter((known) => !same(known));
  return memory.update(key, [entry, ...others].slice(0, kept));
}

/** What is kept under `key`; nothing when another version left something else there. */
export function remembered<T>(memory: ReadMemory, key: string): T[] {
  const kept = memory.get<unknown>(key);
  return Array.isArray(kept) ? (kept as T[]) : [];
}
