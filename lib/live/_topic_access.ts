/**
 * Who may hear of which invalidation: the rule the hub applies to live events and replays
 * alike (invariant 3 in `docs/architecture.md`).
 *
 * @module
 */
import type { InvalidationEvent } from "./event.ts";
import { audienceOf, userTopic } from "../model/topics.ts";

/** Who is at the other end of a socket, from their session. */
export interface LiveClient {
  userId: string;
  tenantId: string;
  /** The stored hash of the session id; its `session:` event may end the socket. */
  sessionHash: string;
  /** When the session expires (ms since the epoch): the socket is closed then. */
  expiresAt?: number;
  /** The client's address, when known: sockets per address are limited too. */
  address?: string | null;
}

/**
 * Whether a client may be told of an event, by its topic's audience (`lib/model/topics.ts`):
 * the global flags go to everyone, a user topic only to that user, the tenant's topics only
 * within the tenant, and session topics (and anything unknown) never.
 *
 * @example
 * ```ts
 * const client = {
 *   userId: "9a1d4a8e-6a55-4c2b-8f0e-2f1f3a4b5c6d",
 *   tenantId: "0b7e7dc0-8f4e-4c55-9d0a-6d8b7b0a4e11",
 *   sessionHash: "ab12",
 * };
 * mayReceive(client, { seq: 1, tenant: null, topic: "flags:*", version: 2, at: 0 }); // true
 * mayReceive(client, { seq: 2, tenant: null, topic: "session:ab12", version: 2, at: 0 }); // false
 * ```
 */
export function mayReceive(client: LiveClient, event: InvalidationEvent): boolean {
  switch (audienceOf(event.topic)) {
    case "everyone":
      return true;
    case "user":
      return event.topic === userTopic(client.userId);
    case "tenant":
      return event.tenant !== null && event.tenant === client.tenantId;
    default:
      return false;
  }
}
