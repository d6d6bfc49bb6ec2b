/**
 * Live updates: the invalidation bus that keeps every instance's versions current, and the
 * events it hands on.
 *
 * @example
 * ```ts
 * import { InvalidationBus } from "./mod.ts";
 * import { connect } from "../db/connection.ts";
 * const db = await connect({ dataDir: "memory://" });
 * const bus = new InvalidationBus(db);
 * ```
 *
 * @module
 */
export { InvalidationBus, type InvalidationBusOptions, type ResyncSignal } from "./bus.ts";
export type { BusStats } from "./_bus_counters.ts";
export {
  type CloseReason,
  Hub,
  type HubOptions,
  type HubStats,
  type LiveClient,
  mayReceive,
} from "./hub.ts";
export type { HistoryFilter } from "./_event_history.ts";
export { type GateBus, SeqGate, type SeqGateOptions } from "./seq_gate.ts";
export {
  eventFromRow,
  INVALIDATION_CHANNEL,
  type InvalidationEvent,
  parseInvalidationPayload,
} from "./event.ts";
