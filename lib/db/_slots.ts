/**
 * A bound on the statements handed to the driver at once, equal to its pool size, so a call
 * waits here, where its deadline can withdraw it, and never in the driver's own queue, which
 * would run it later even after its caller gave up.
 *
 * @module
 */

interface Waiter {
  grant(release: () => void): void;
  refuse(reason: unknown): void;
}

/**
 * Counting slots with a queue of waiters that an `AbortSignal` or {@linkcode Slots.refuseWaiting}
 * withdraws.
 *
 * @example
 * ```ts
 * const slots = new Slots(2);
 * const release = await slots.acquire(AbortSignal.timeout(1000));
 * try {
 *   // use the connection
 * } finally {
 *   release();
 * }
 * ```
 */
export class Slots {
  #free: number;
  readonly #size: number;
  #waiting: Waiter[] = [];

  /** @param size How many holders at once. */
  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1) {
      throw new RangeError(`Cannot make ${size} slots: the size must be a whole number above 0`);
    }
    this.#size = size;
    this.#free = size;
  }

  /** Slots held now. */
  get inUse(): number {
    return this.#size - this.#free;
  }

  /** Callers waiting for a slot. */
  get waiting(): number {
    return this.#waiting.length;
  }

  /**
   * Resolves to a release function once a slot is free; rejects with `signal.reason` if the
   * signal aborts first. Releasing twice frees one slot.
   */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#free > 0) {
      this.#free--;
      return Promise.resolve(this.#releaser());
    }
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.#waiting = this.#waiting.filter((each) => each !== waiter);
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        grant(release) {
          signal?.removeEventListener("abort", onAbort);
          resolve(release);
        },
        refuse(reason) {
          signal?.removeEventListener("abort", onAbort);
          reject(reason);
        },
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#waiting.push(waiter);
    });
  }

  /** Rejects every waiting caller with `reason`; holders keep their slots. */
  refuseWaiting(reason: unknown): void {
    for (const waiter of this.#waiting.splice(0)) waiter.refuse(reason);
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      if (next) next.grant(this.#releaser());
      else this.#free++;
    };
  }
}
