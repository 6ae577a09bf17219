import type { WatchClock } from '../../src/watch/watchClock';
import type { AnnouncingClock } from '../emulator/logTail';

interface Timer {
  id: number;
  at: number;
  callback: () => void;
}

export interface AdvanceOptions {
  /** Largest jump in one go, so the emulator's log pushes land near their own times. Default 250 ms. */
  stepMs?: number;
  /** Awaited after every step and timer, so real network I/O can catch up with simulated time. */
  settle?: () => Promise<void>;
}

/**
 * Time for the watcher and the emulator at once: minutes pass in milliseconds, yet requests still
 * travel over real loopback sockets. Time stands still while `settle` waits for them.
 */
export class SimulatedClock implements WatchClock, AnnouncingClock {
  private time: number;
  private nextId = 1;
  private timers: Timer[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(start = Date.UTC(2025, 4, 10, 9, 0, 0)) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): number {
    const timer = { id: this.nextId++, at: this.time + Math.max(0, ms), callback };
    this.timers.push(timer);
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }

  get pendingTimers(): number {
    return this.timers.length;
  }

  onAdvance(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async advanceBy(ms: number, options: AdvanceOptions = {}): Promise<void> {
    await this.advanceTo(this.time + ms, options);
  }

  async advanceTo(target: number, options: AdvanceOptions = {}): Promise<void> {
    const stepMs = options.stepMs ?? 250;
    const settle = options.settle ?? nextTurns;
    await settle();
    while (this.time < target || this.dueTimer(target)) {
      const timer = this.dueTimer(Math.min(target, this.time + stepMs));
      const next = timer ? timer.at : Math.min(target, this.time + stepMs);
      if (next > this.time) {
        this.time = next;
        for (const listener of [...this.listeners]) listener();
      }
      if (timer) {
        this.timers = this.timers.filter((candidate) => candidate !== timer);
        timer.callback();
      }
      await settle();
    }
  }

  private dueTimer(by: number): Timer | undefined {
    let earliest: Timer | undefined;
    for (const timer of this.timers) if (timer.at <= by && (!earliest || timer.at < earliest.at)) earliest = timer;
    return earliest;
  }
}

/** A few turns of the event loop: enough for bytes already written to a loopback socket to be read. */
export async function nextTurns(turns = 3): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
