export interface Disposable {
  dispose(): void;
}

/** A minimal typed event: what the UI subscribes to, without depending on vscode. */
export class Listeners<A extends unknown[]> {
  private readonly listeners = new Set<(...args: A) => void>();

  add(listener: (...args: A) => void): Disposable {
    // A wrapper per subscription, so subscribing the same function twice gives two independent subscriptions.
    const entry = (...args: A) => listener(...args);
    this.listeners.add(entry);
    return { dispose: () => this.listeners.delete(entry) };
  }

  fire(...args: A): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(...args);
      } catch (error) {
        // One broken listener must not stop the others or the watcher itself.
        console.error('A build watcher listener failed:', error);
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
