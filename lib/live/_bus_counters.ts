/**
 * The invalidation bus's counters, for `/metrics`, `/healthz` and the cache monitor.
 *
 * @module
 */

/** A snapshot of the bus, as {@linkcode InvalidationBus.stats} returns it. */
export interface BusStats {
  /** Whether the bus is started and not closed. */
  running: boolean;
  /** Topics whose version is held in memory. */
  topics: number;
  /** The highest sequence number applied. */
  lastSeq: number;
  /** Every sequence number at or below this was applied or given up on. */
  lowWater: number;
  /** Events that raised a version. */
  eventsApplied: number;
  /** Events that raised nothing (seen already, or older than the loaded version). */
  duplicates: number;
  /** Notifications that were not a valid event and were ignored. */
  malformed: number;
  /** Replays after the listener (re)connected. */
  replays: number;
  /** Replays that failed (retried later). */
  replayErrors: number;
  /** {@linkcode InvalidationBus.catchUp} calls. */
  catchUps: number;
  /** Full reloads because events needed for a replay were pruned. */
  resyncs: number;
  /** Events pruned from `cache_events` by this bus. */
  pruned: number;
  /** Milliseconds from the writer's bump to applying it, for the last applied event. */
  lagMs: number;
  /** The largest such lag seen. */
  maxLagMs: number;
}

/** Mutable counters behind {@linkcode BusStats}. */
export class BusCounters {
  eventsApplied = 0;
  duplicates = 0;
  malformed = 0;
  replays = 0;
  replayErrors = 0;
  catchUps = 0;
  resyncs = 0;
  pruned = 0;
  lagMs = 0;
  maxLagMs = 0;

  /** Counts an applied event and how late it was. */
  applied(lagMs: number): void {
    const lag = Math.max(0, lagMs);
    this.eventsApplied++;
    this.lagMs = lag;
    if (lag > this.maxLagMs) this.maxLagMs = lag;
  }

  /** The counters together with the bus's state. */
  snapshot(state: Pick<BusStats, "running" | "topics" | "lastSeq" | "lowWater">): BusStats {
    return {
      ...state,
      eventsApplied: this.eventsApplied,
      duplicates: this.duplicates,
      malformed: this.malformed,
      replays: this.replays,
      replayErrors: this.replayErrors,
      catchUps: this.catchUps,
      resyncs: this.resyncs,
      pruned: this.pruned,
      lagMs: this.lagMs,
      maxLagMs: this.maxLagMs,
    };
  }
}
