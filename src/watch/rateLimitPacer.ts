import type { RateLimitSnapshot } from '../northflank/types';
import type { WatchClock } from './watchClock';

/** Share of the hourly budget kept back for what the person does (start, abort, refresh). */
const RESERVE_FRACTION = 0.02;

/**
 * Keeps the watcher inside Northflank's per-token budget: spreads what is left over the time to the
 * reset once half is used, stops until the reset when only the reserve is left, and waits out a 429.
 */
export class RateLimitPacer {
  private snapshot?: RateLimitSnapshot;
  private resetAt = 0;
  private pausedUntil = 0;
  private lastSentAt = -Infinity;

  constructor(private readonly clock: WatchClock) {}

  /** Reads the client's latest headers; its own timestamp is wall time, so the reset is placed on our clock. */
  observe(snapshot: RateLimitSnapshot | undefined): void {
    if (!snapshot || snapshot === this.snapshot) return;
    this.snapshot = snapshot;
    this.resetAt = this.clock.now() + snapshot.resetSeconds * 1000;
  }

  sent(): void {
    this.lastSentAt = this.clock.now();
  }

  pauseFor(seconds: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + seconds * 1000);
  }

  /** The earliest time the next request may go. */
  earliest(): number {
    const now = this.clock.now();
    let earliest = this.pausedUntil;
    const snapshot = this.snapshot;
    if (snapshot && now < this.resetAt) {
      const reserve = Math.floor(snapshot.limit * RESERVE_FRACTION);
      const spendable = snapshot.remaining - reserve;
      if (spendable <= 0) earliest = Math.max(earliest, this.resetAt);
      else if (snapshot.remaining < snapshot.limit / 2) {
        earliest = Math.max(earliest, this.lastSentAt + (this.resetAt - now) / spendable);
      }
    }
    return earliest;
  }
}
