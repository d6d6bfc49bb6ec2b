/**
 * Waiting for a promise no longer than a bound, without giving it up: it carries on, and its
 * rejection is handled.
 *
 * @module
 */

/** How a promise stood when the wait ended. */
export type Settled<T> =
  | { state: "fulfilled"; value: T }
  | { state: "rejected"; error: unknown }
  | { state: "pending" };

/**
 * Waits for `promise` at most `ms` milliseconds.
 *
 * @example
 * ```ts
 * const settled = await settleWithin(new Promise(() => {}), 10);
 * settled.state; // "pending"
 * ```
 */
export async function settleWithin<T>(promise: Promise<T>, ms: number): Promise<Settled<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<Settled<T>>((resolve) => {
    timer = setTimeout(() => resolve({ state: "pending" }), ms);
  });
  const settled = promise.then(
    (value): Settled<T> => ({ state: "fulfilled", value }),
    (error): Settled<T> => ({ state: "rejected", error }),
  );
  try {
    return await Promise.race([settled, late]);
  } finally {
    clearTimeout(timer);
  }
}
