/**
 * A time limit shared by the steps of one call: waiting for a connection, then the answer.
 *
 * @module
 */

/**
 * Rejects whatever it races once `ms` have passed; 0 means no limit. Clear it when the call is
 * over, so its timer does not outlive the call.
 *
 * @example
 * ```ts
 * const deadline = new Deadline(1000, () => new Error("Too slow"));
 * try {
 *   await deadline.race(fetch("http://127.0.0.1:8000/healthz"));
 * } finally {
 *   deadline.clear();
 * }
 * ```
 */
export class Deadline {
  #controller = new AbortController();
  #timer?: ReturnType<typeof setTimeout>;
  #expired: Promise<never>;

  /**
   * @param ms The limit in milliseconds from now; 0 for none.
   * @param reason Makes the error the call rejects with when the limit passes.
   */
  constructor(ms: number, reason: () => Error) {
    this.#expired = new Promise<never>((_, reject) => {
      if (ms <= 0) return;
      this.#timer = setTimeout(() => {
        const error = reason();
        this.#controller.abort(error);
        reject(error);
      }, ms);
    });
    this.#expired.catch(() => {});
  }

  /** Aborted, with the deadline's error as its reason, when the limit passes. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Settles like `promise`, or rejects with the deadline's error if that comes first. */
  race<T>(promise: Promise<T>): Promise<T> {
    return Promise.race([promise, this.#expired]);
  }

  /** Stops the timer. */
  clear(): void {
    clearTimeout(this.#timer);
  }
}
