/**
 * The WebSocket hub's counters, for `/metrics` and the cache monitor.
 *
 * @module
 */

/** Why a socket closed. `client`: the browser closed it; `dead`: it stopped answering. */
export type CloseReason =
  | "client"
  | "dead"
  | "protocol"
  | "too_big"
  | "flood"
  | "slow"
  | "signed_out"
  | "hello_timeout"
  | "too_many"
  | "shutdown";

/** The hub's counters, for `/metrics`. */
export interface HubStats {
  /** Sockets open now. */
  clients: number;
  /** Sockets accepted since start. */
  accepted: number;
  /** Event frames sent live. */
  eventsPushed: number;
  /** Event frames sent in replies to hello. */
  eventsReplayed: number;
  /** Resync frames sent (hello too old, bus resync, slow reader). */
  resyncsSent: number;
  /** Closed sockets by reason. */
  closes: Record<CloseReason, number>;
}

/** Counters at zero: every {@linkcode HubStats} field but `clients`. */
export function emptyHubCounters(): Omit<HubStats, "clients"> {
  return {
    accepted: 0,
    eventsPushed: 0,
    eventsReplayed: 0,
    resyncsSent: 0,
    closes: {
      client: 0,
      dead: 0,
      protocol: 0,
      too_big: 0,
      flood: 0,
      slow: 0,
      signed_out: 0,
      hello_timeout: 0,
      too_many: 0,
      shutdown: 0,
    },
  };
}
