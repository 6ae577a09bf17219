/** A clock that moves only when told to: builds in the emulator read their status off it. */
export class SimulatedClock {
  private listeners = new Set<() => void>();

  constructor(private current = Date.parse('2025-06-02T10:00:00.000Z')) {}

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
    this.listeners.forEach((listener) => listener());
  }

  /** Lets pushers (such as a log tail) follow the clock instead of a real timer. */
  onAdvance(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
