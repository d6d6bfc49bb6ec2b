/**
 * Counting failed sign-ins per email in a sliding window.
 *
 * @module
 */

/** Options of {@linkcode LoginThrottle}. */
export interface LoginThrottleOptions {
  /** Failures allowed in the window; the next attempt is refused. Default 5. */
  limit?: number;
  /** The window in milliseconds. Default 60 000. */
  windowMs?: number;
  /** The clock, for tests. Default `Date.now`. */
  now?: () => number;
}

/**
 * Refuses sign-in for an email after too many failures in a minute.
 *
 * @example
 * ```ts
 * const throttle = new LoginThrottle({ limit: 5 });
 * for (let i = 0; i < 5; i++) throttle.fail("ada@acme.test");
 * console.log(throttle.retryAfter("ada@acme.test") > 0); // true
 * ```
 */
export class LoginThrottle {
  #failures = new Map<string, number[]>();
  #limit: number;
  #windowMs: number;
  #now: () => number;

  constructor(options: LoginThrottleOptions = {}) {
    this.#limit = options.limit ?? 5;
    this.#windowMs = options.windowMs ?? 60_000;
    this.#now = options.now ?? Date.now;
  }

  #recent(email: string): number[] {
    const since = this.#now() - this.#windowMs;
    const recent = (this.#failures.get(email) ?? []).filter((t) => t > since);
    if (recent.length) this.#failures.set(email, recent);
    else this.#failures.delete(email);
    return recent;
  }

  /** Seconds until the email may try again; 0 when it may try now. */
  retryAfter(email: string): number {
    const recent = this.#recent(email);
    if (recent.length < this.#limit) return 0;
    return Math.max(1, Math.ceil((recent[0] + this.#windowMs - this.#now()) / 1000));
  }

  /** Records a failed attempt. */
  fail(email: string): void {
    const recent = this.#recent(email);
    recent.push(this.#now());
    this.#failures.set(email, recent);
    // Bound memory under a flood of distinct emails.
    if (this.#failures.size > 10_000) {
      const oldest = this.#failures.keys().next().value;
      if (oldest !== undefined) this.#failures.delete(oldest);
    }
  }

  /** Forgets the failures of an email after it signs in. */
  reset(email: string): void {
    this.#failures.delete(email);
  }
}
