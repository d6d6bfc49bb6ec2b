/**
 * The low-water mark of sequence numbers seen: every number at or below it has been seen or
 * given up on. Concurrent transactions commit out of sequence order, so seeing seq 11 does not
 * mean seq 10 is done; 10 stays a gap until it arrives, or until it has been missing for
 * `gapTimeoutMs` (a rolled-back writer never fills it).
 *
 * @module
 */

/** Options of {@linkcode SeqTracker}. */
export interface SeqTrackerOptions {
  /** How long a gap may stay open before the mark moves past it. Default 5000. */
  gapTimeoutMs?: number;
  /** The clock, in milliseconds. Default `Date.now`. */
  now?: () => number;
}

/**
 * Tracks the highest sequence number seen and the low-water mark below which nothing is
 * missing.
 *
 * @example
 * ```ts
 * const tracker = new SeqTracker(0);
 * tracker.observe(2);
 * tracker.lowWater; // 0: seq 1 is still missing
 * tracker.observe(1);
 * tracker.lowWater; // 2
 * ```
 */
export class SeqTracker {
  #lowWater: number;
  #highWater: number;
  #seen = new Set<number>();
  #stalledSince: number | null = null;
  #gapTimeoutMs: number;
  #now: () => number;

  /** Starts with every number up to `start` seen. */
  constructor(start: number, options: SeqTrackerOptions = {}) {
    this.#lowWater = start;
    this.#highWater = start;
    this.#gapTimeoutMs = options.gapTimeoutMs ?? 5000;
    this.#now = options.now ?? Date.now;
  }

  /** Every sequence number at or below this was seen or given up on. */
  get lowWater(): number {
    return this.#lowWater;
  }

  /** The highest sequence number seen. */
  get highWater(): number {
    return this.#highWater;
  }

  /** How many numbers above the low-water mark were seen (the width of open gaps' shadow). */
  get pending(): number {
    return this.#seen.size;
  }

  /**
   * Records a sequence number.
   *
   * @returns `true` when it is new, `false` when it was seen already or lies at or below the
   * low-water mark.
   */
  observe(seq: number): boolean {
    if (seq <= this.#lowWater || this.#seen.has(seq)) return false;
    this.#seen.add(seq);
    if (seq > this.#highWater) this.#highWater = seq;
    this.sweep();
    return true;
  }

  /** Marks every number up to `seq` as seen, e.g. after reloading every version. */
  jumpTo(seq: number): void {
    if (seq <= this.#lowWater) return;
    this.#lowWater = seq;
    if (seq > this.#highWater) this.#highWater = seq;
    for (const seen of this.#seen) if (seen <= seq) this.#seen.delete(seen);
    this.#stalledSince = null;
    this.sweep();
  }

  /** Moves the mark over what is contiguous, and past gaps older than the timeout. */
  sweep(): void {
    this.#advance();
    if (this.#seen.size === 0) {
      this.#stalledSince = null;
      return;
    }
    const now = this.#now();
    if (this.#stalledSince === null) {
      this.#stalledSince = now;
    } else if (now - this.#stalledSince >= this.#gapTimeoutMs) {
      this.#lowWater = smallest(this.#seen) - 1;
      this.#advance();
      this.#stalledSince = this.#seen.size === 0 ? null : now;
    }
  }

  #advance(): void {
    const before = this.#lowWater;
    while (this.#seen.delete(this.#lowWater + 1)) this.#lowWater++;
    // Progress means the oldest gap is a new one: give it its own full timeout.
    if (this.#lowWater !== before && this.#seen.size > 0) this.#stalledSince = this.#now();
  }
}

function smallest(values: Iterable<number>): number {
  let min = Infinity;
  for (const value of values) if (value < min) min = value;
  return min;
}
