/**
 * The live store's session snapshots: each resource's data, ETag and the sequence number it
 * reflects, kept in `sessionStorage` when the page is hidden, so that back/forward shows the
 * last state at once instead of the HTML the browser kept.
 *
 * @module
 */
import type { LiveResource } from "./resource.ts";

/** A resource as it was when the page was hidden. */
export interface Snapshot {
  etag: string | null;
  seq: number;
  data: unknown;
}

const SNAPSHOT_PREFIX = "beacon:live:";

/**
 * Writes a resource's snapshot; full or disabled storage is ignored (back/forward then shows
 * the page as the server sent it).
 *
 * @param storage Where snapshots go.
 * @param resource The resource.
 * @param seq The last sequence number its data reflects.
 *
 * @example
 * ```ts
 * import { JsonResource } from "./resource.ts";
 * import { readSnapshot, writeSnapshot } from "./snapshot.ts";
 * const storage = globalThis.sessionStorage;
 * writeSnapshot(storage, new JsonResource("/api/context", { role: "member" }, 'W/"1"'), 7);
 * console.log(readSnapshot(storage, "/api/context")?.seq); // 7
 * ```
 */
export function writeSnapshot(storage: Storage, resource: LiveResource, seq: number): void {
  const value: Snapshot = { etag: resource.etag, seq, data: resource.snapshot() };
  try {
    storage.setItem(SNAPSHOT_PREFIX + resource.path, JSON.stringify(value));
  } catch {
    // Full or disabled storage.
  }
}

/**
 * Reads the snapshot of the resource at `path`; null when there is none or it is unreadable.
 *
 * @param storage Where snapshots are; null for none.
 * @param path The resource's path.
 * @returns The snapshot.
 *
 * @example
 * ```ts
 * import { readSnapshot } from "./snapshot.ts";
 * console.log(readSnapshot(null, "/api/context")); // null
 * ```
 */
export function readSnapshot(storage: Storage | null, path: string): Snapshot | null {
  try {
    const text = storage?.getItem(SNAPSHOT_PREFIX + path);
    const value = text ? JSON.parse(text) : null;
    return value && typeof value.seq === "number" && value.data ? value : null;
  } catch {
    return null;
  }
}

/**
 * The tab's `sessionStorage`, or null where there is none (or it is refused).
 *
 * @example
 * ```ts
 * import { sessionStorageOrNull } from "./snapshot.ts";
 * const storage = sessionStorageOrNull();
 * ```
 */
export function sessionStorageOrNull(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

/**
 * How the page was reached (`navigate`, `reload`, `back_forward`), if the browser says.
 *
 * @example
 * ```ts
 * import { navigationType } from "./snapshot.ts";
 * if (navigationType() === "back_forward") console.log("restored from history");
 * ```
 */
export function navigationType(): string | undefined {
  try {
    const [entry] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
    return entry?.type;
  } catch {
    return undefined;
  }
}
