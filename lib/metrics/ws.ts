/**
 * The hook to the WebSocket hub's numbers. The hub (`lib/live/hub.ts`) is built alongside this
 * module; until `deps.hub` exists, {@linkcode readWebSocketStats} answers null and the metrics
 * say "no hub" rather than a made-up zero.
 *
 * @module
 */

/** What the monitor shows of the WebSocket hub. */
export interface WebSocketStats {
  /** Sockets connected now. */
  clients: number;
  /** Invalidation messages sent to browsers since start. */
  eventsPushed: number;
}

/** Field names a hub's `stats()` may use for each number, first match wins. */
const CLIENT_FIELDS = ["clients", "clientsConnected", "connected", "connections", "sockets"];
const PUSHED_FIELDS = ["eventsPushed", "pushed", "messagesSent", "sent", "events"];

/**
 * Reads `deps.hub.stats()` when the app has a hub; null otherwise.
 *
 * @param deps The app's dependencies (or anything that may carry a `hub`).
 * @returns Clients connected and events pushed, or null without a hub.
 * @example
 * ```ts
 * import { readWebSocketStats } from "./ws.ts";
 * readWebSocketStats({ hub: { stats: () => ({ clients: 2, eventsPushed: 9 }) } });
 * // { clients: 2, eventsPushed: 9 }
 * readWebSocketStats({}); // null
 * ```
 */
export function readWebSocketStats(deps: object): WebSocketStats | null {
  const hub = (deps as { hub?: { stats?: () => unknown } | null }).hub;
  if (!hub || typeof hub.stats !== "function") return null;
  const stats = hub.stats();
  if (!stats || typeof stats !== "object") return null;
  const fields = stats as Record<string, unknown>;
  return { clients: pick(fields, CLIENT_FIELDS), eventsPushed: pick(fields, PUSHED_FIELDS) };
}

function pick(fields: Record<string, unknown>, names: readonly string[]): number {
  for (const name of names) {
    const value = fields[name];
    if (typeof value === "number" && Number.isFinite(value)) return value;
  }
  return 0;
}
