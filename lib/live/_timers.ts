/**
 * The bus's timers, all cancelled at once when it closes.
 *
 * @module
 */

/**
 * Timers and intervals owned by one object.
 *
 * @example
 * ```ts
 * import { Timers } from "./_timers.ts";
 * const timers = new Timers();
 * timers.after(1000, () => console.log("later"));
 * timers.clear(); // never runs
 * ```
 */
export class Timers {
  #ids = new Set<ReturnType<typeof setTimeout>>();

  /** Runs `task` every `ms`, without keeping the process alive; failures go to `onError`. */
  every(ms: number, task: () => Promise<unknown>, onError?: (error: unknown) => void): void {
    const id = setInterval(() => {
      task().catch((error) => onError?.(error));
    }, ms);
    Deno.unrefTimer(id);
    this.#ids.add(id);
  }

  /** Runs `task` once after `ms`. */
  after(ms: number, task: () => void): void {
    const id = setTimeout(() => {
      this.#ids.delete(id);
      task();
    }, ms);
    this.#ids.add(id);
  }

  /** Cancels every timer. */
  clear(): void {
    for (const id of this.#ids) clearTimeout(id);
    this.#ids.clear();
  }
}
