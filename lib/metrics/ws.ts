/**
 * The WebSocket hub's numbers for `/metrics` and the cache monitor, read from
 * `deps.hub.stats()` (`lib/live/hub.ts`).
 *
 * @module
 */
import type { HubStats } from "../live/hub.ts";

/**
 * Reads the hub's counters; null when the app was assembled without a hub.
 *
 * @param deps Anything that may carry the app's `hub`.
 * @returns The hub's stats, or null.
 * @example
 * ```ts ignore
 * readWebSocketStats(c.var.deps)?.clients; // 3
 * ```
 */
export function readWebSocketStats(deps: { hub?: { stats(): HubStats } | null }): HubStats | null {
  return deps.hub ? deps.hub.stats() : null;
}
