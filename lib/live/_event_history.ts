/**
 * The recent invalidation events in the order they arrived, for browsers that reconnect and
 * ask for what they missed.
 *
 * @module
 */
import type { InvalidationEvent } from "./event.ts";

/** Which events {@linkcode EventHistory.since} returns. */
export interface HistoryFilter {
  /** Only events of this tenant (`null`: only events bound to no tenant). Default: all. */
  tenant?: string | null;
  /** A further test each returned event must pass. */
  filter?: (event: InvalidationEvent) => boolean;
}

/**
 * A bounded log of events in arrival order.
 *
 * @example
 * ```ts
 * const history = new EventHistory(100, 0);
 * history.add({ seq: 1, tenant: null, topic: "flags:*", version: 1, at: 0 });
 * history.since(0); // [that event]
 * ```
 */
export class EventHistory {
  #events: InvalidationEvent[] = [];
  #arrival = new Map<number, number>();
  #arrived = 0;
  #first = 0;
  #floor: number;
  #capacity: number;

  /**
   * @param capacity How many events to keep.
   * @param floor Events at or below this sequence number are not held (they predate us).
   */
  constructor(capacity: number, floor: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`Cannot keep an event history of ${capacity} events`);
    }
    this.#capacity = capacity;
    this.#floor = floor;
  }

  /** The sequence number below which a reader must resync; nothing at or above is lost. */
  get floor(): number {
    return this.#floor;
  }

  /** Forgets everything up to `seq`, e.g. after a resync that skipped events. */
  raiseFloor(seq: number): void {
    if (seq > this.#floor) this.#floor = seq;
  }

  /** Appends an event, dropping the oldest beyond the capacity. */
  add(event: InvalidationEvent): void {
    this.#events.push(event);
    this.#arrival.set(event.seq, this.#arrived++);
    if (this.#events.length > this.#capacity) {
      const dropped = this.#events.shift()!;
      this.#arrival.delete(dropped.seq);
      this.#first++;
      this.raiseFloor(dropped.seq);
    }
  }

  /**
   * The events after `seq`: those numbered above it, and those numbered below it that arrived
   * after it did (commits land out of sequence order, so a reader at `seq` may lack them).
   *
   * @returns The events in arrival order, or `"resync"` when some may have been dropped.
   */
  since(seq: number, options: HistoryFilter = {}): InvalidationEvent[] | "resync" {
    if (seq < this.#floor) return "resync";
    const arrivedAt = this.#arrival.get(seq);
    // Without its arrival we cannot tell late events apart, so only higher numbers go back.
    const lateFrom = arrivedAt === undefined ? Infinity : arrivedAt - this.#first + 1;
    const out: InvalidationEvent[] = [];
    for (let i = 0; i < this.#events.length; i++) {
      const event = this.#events[i];
      if (event.seq === seq || (event.seq < seq && i < lateFrom)) continue;
      if (options.tenant !== undefined && event.tenant !== options.tenant) continue;
      if (options.filter && !options.filter(event)) continue;
      out.push(event);
    }
    return out;
  }
}
