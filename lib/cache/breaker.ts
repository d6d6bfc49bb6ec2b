/**
 * A circuit breaker: closed → (N consecutive failures) → open → (cooldown) → half-open, where
 * one probe call is let through → closed on success, open again on failure.
 *
 * @module
 */
import type { BreakerState } from "./counters.ts";

export type { BreakerState };

/** Options of {@link CircuitBreaker}. */
export interface BreakerOptions {
  /** Consecutive failures that open the breaker. Default 5. */
  failureThreshold?: number;
  /** How long the breaker stays open before a probe is let through (ms). Default 1000. */
  cooldownMs?: number;
  /** Called on every state change. */
  onStateChange?: (state: BreakerState) => void;
  /** Clock, for tests. Default `performance.now`. */
  now?: () => number;
}

/**
 * Tracks failures of a dependency and decides whether the next call may go through.
 *
 * @example
 * ```ts
 * import { CircuitBreaker } from "./breaker.ts";
 * const breaker = new CircuitBreaker({ failureThreshold: 2, cooldownMs: 500 });
 * if (breaker.allow()) {
 *   breaker.failure();
 * }
 * breaker.state; // "closed" (one failure of two)
 * ```
 */
export class CircuitBreaker {
  #state: BreakerState = "closed";
  #failures = 0;
  #openedAt = 0;
  #probing = false;
  #threshold: number;
  #cooldownMs: number;
  #onStateChange?: (state: BreakerState) => void;
  #now: () => number;

  /** @param options Thresholds, cooldown, state-change hook and clock. */
  constructor(options: BreakerOptions = {}) {
    this.#threshold = options.failureThreshold ?? 5;
    this.#cooldownMs = options.cooldownMs ?? 1000;
    this.#onStateChange = options.onStateChange;
    this.#now = options.now ?? (() => performance.now());
    if (!(this.#threshold >= 1)) {
      throw new RangeError(`Breaker failureThreshold must be at least 1, got ${this.#threshold}`);
    }
  }

  /** The current state. */
  get state(): BreakerState {
    return this.#state;
  }

  /**
   * Whether a call may go through now. While open it answers false until the cooldown has
   * passed, then lets exactly one probe through (half-open) until that probe reports back.
   *
   * @returns True if the caller may make the call and must then report success or failure.
   */
  allow(): boolean {
    if (this.#state === "closed") return true;
    if (this.#state === "open") {
      if (this.#now() - this.#openedAt < this.#cooldownMs) return false;
      this.#enter("half-open");
    }
    if (this.#probing) return false;
    this.#probing = true;
    return true;
  }

  /** Reports a successful call. */
  success(): void {
    // A late success of a call made before the breaker opened proves little; only the probe
    // closes it.
    if (this.#state === "open") return;
    this.#failures = 0;
    if (this.#state === "half-open") {
      this.#probing = false;
      this.#enter("closed");
    }
  }

  /** Reports a failed call (error or deadline). */
  failure(): void {
    if (this.#state === "half-open") {
      this.#probing = false;
      this.#open();
      return;
    }
    if (this.#state === "closed" && ++this.#failures >= this.#threshold) this.#open();
  }

  #open(): void {
    this.#failures = 0;
    this.#openedAt = this.#now();
    this.#enter("open");
  }

  #enter(state: BreakerState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.#onStateChange?.(state);
  }
}
