/**
 * A fixed-bucket histogram: one bucket search and three increments per observation, no
 * allocation, and a quantile estimate over the difference of two snapshots.
 *
 * @module
 */

/** Upper bounds (seconds) of the HTTP latency buckets; a final `+Inf` bucket follows. */
export const HTTP_LATENCY_BUCKETS: readonly number[] = [
  0.0005,
  0.001,
  0.0025,
  0.005,
  0.01,
  0.025,
  0.05,
  0.1,
  0.25,
  0.5,
  1,
  2.5,
  5,
];

/** Upper bounds (seconds) of the invalidation-bus lag buckets. */
export const BUS_LAG_BUCKETS: readonly number[] = [
  0.001,
  0.0025,
  0.005,
  0.01,
  0.025,
  0.05,
  0.1,
  0.25,
  0.5,
  1,
  2.5,
  5,
  10,
];

/**
 * Counts observations into buckets with the given upper bounds (and `+Inf`).
 *
 * @example
 * ```ts
 * import { Histogram } from "./histogram.ts";
 * const h = new Histogram([0.1, 1]);
 * h.observe(0.05);
 * h.observe(3);
 * h.count; // 2
 * h.cumulative(); // [1, 1, 2]
 * ```
 */
export class Histogram {
  /** Upper bounds, ascending; the `+Inf` bucket is implied. */
  readonly bounds: readonly number[];
  /** Observations per bucket (not cumulative); the last one is `+Inf`. */
  readonly counts: Float64Array;
  /** Sum of every observed value. */
  sum = 0;
  /** How many values were observed. */
  count = 0;

  /** @param bounds Ascending upper bounds. */
  constructor(bounds: readonly number[]) {
    this.bounds = bounds;
    this.counts = new Float64Array(bounds.length + 1);
  }

  /** Records one value. @param value The observation, in the histogram's unit. */
  observe(value: number): void {
    const bounds = this.bounds;
    let i = 0;
    while (i < bounds.length && value > bounds[i]) i++;
    this.counts[i]++;
    this.sum += value;
    this.count++;
  }

  /** The cumulative bucket counts, as Prometheus exposes them (`le` buckets, then `+Inf`). */
  cumulative(): number[] {
    let running = 0;
    return Array.from(this.counts, (n) => (running += n));
  }
}

/**
 * Estimates a quantile from non-cumulative bucket counts, interpolating linearly inside the
 * bucket (as Prometheus's `histogram_quantile` does). The `+Inf` bucket answers its lower bound.
 *
 * @param bounds The buckets' upper bounds.
 * @param counts Observations per bucket, `bounds.length + 1` of them.
 * @param q The quantile, 0–1.
 * @returns The estimate, or null when there are no observations.
 * @example
 * ```ts
 * import { quantile } from "./histogram.ts";
 * quantile([1, 2], [0, 10, 0], 0.5); // 1.5
 * ```
 */
export function quantile(
  bounds: readonly number[],
  counts: ArrayLike<number>,
  q: number,
): number | null {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i];
  if (total <= 0) return null;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    if (seen + counts[i] >= rank && counts[i] > 0) {
      if (i === bounds.length) return bounds[bounds.length - 1];
      const lower = i === 0 ? 0 : bounds[i - 1];
      return lower + (bounds[i] - lower) * ((rank - seen) / counts[i]);
    }
    seen += counts[i];
  }
  return bounds[bounds.length - 1];
}
