/**
 * Test helpers for the bus: a database whose notifications can be cut off and restored, as a
 * dropped listener connection would, and a poll that waits for a condition.
 *
 * @module
 */
import type { Db } from "../db/connection.ts";

/** A {@linkcode Db} whose listener the test can disconnect and reconnect. */
export interface PausableDb {
  db: Db;
  /** Drops every notification from now on, like a broken listener connection. */
  disconnect(): void;
  /** Delivers notifications again and runs the `onListen` callbacks, like a reconnect. */
  reconnect(): void;
  /** Hands a raw payload to the listeners, as if the database had sent it. */
  inject(payload: string): void;
}

/**
 * Wraps a database so a test controls its listener.
 *
 * @example
 * ```ts
 * const { db, disconnect, reconnect } = pausable(realDb);
 * ```
 */
export function pausable(inner: Db): PausableDb {
  let connected = true;
  const listeners: { onNotify: (payload: string) => void; onListen?: () => void }[] = [];
  const db: Db = {
    get kind() {
      return inner.kind;
    },
    get queryCount() {
      return inner.queryCount;
    },
    query: (text, params) => inner.query(text, params),
    exec: (text) => inner.exec(text),
    transaction: (fn) => inner.transaction(fn),
    close: () => inner.close(),
    async listen(channel, onNotify, onListen) {
      listeners.push({ onNotify, onListen });
      return await inner.listen(channel, (payload) => connected && onNotify(payload), onListen);
    },
  };
  return {
    db,
    disconnect() {
      connected = false;
    },
    reconnect() {
      connected = true;
      for (const listener of listeners) listener.onListen?.();
    },
    inject(payload) {
      for (const listener of listeners) listener.onNotify(payload);
    },
  };
}

/**
 * Polls `condition` every 5 ms until it holds; rejects after `timeoutMs`.
 *
 * @example
 * ```ts
 * await waitFor(() => bus.lastSeq >= 10);
 * ```
 */
export async function waitFor(
  condition: () => boolean,
  timeoutMs = 5000,
  what = "condition",
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
