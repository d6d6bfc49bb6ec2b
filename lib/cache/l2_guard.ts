/**
 * Guarded access to the L2 store: every call gets its own deadline, failures feed the circuit
 * breaker, and while the breaker is open no call is made at all. Nothing ever throws. With a
 * sharded store (Redis Cluster) each node has its own breaker: a call feeds, and is stopped
 * by, the breaker of the node serving its key.
 *
 * @module
 */
import { type BreakerOptions, CircuitBreaker } from "./breaker.ts";
import type { CacheCounters } from "./counters.ts";
import type { L2Store } from "./l2_store.ts";
import { type NodeBreakerState, ShardBreakers } from "./shard_breakers.ts";

/** What {@link L2Guard.call} answers when the call was skipped, failed or ran out of time. */
export const UNAVAILABLE: unique symbol = Symbol("l2 unavailable");

/** Options of {@link L2Guard}. */
export interface L2GuardOptions {
  /** Deadline of each call (ms). Default 50. */
  deadlineMs?: number;
  /** Breaker thresholds and cooldown. */
  breaker?: Omit<BreakerOptions, "onStateChange">;
  /** Where calls, errors, timeouts and breaker changes are counted. */
  counters: CacheCounters;
}

interface PendingCall {
  due: number;
  settled: boolean;
  expire: () => void;
}

function sharded(store: L2Store): store is L2Store & Required<Pick<L2Store, "nodeOf" | "nodes">> {
  return store.nodeOf !== undefined && store.nodes !== undefined;
}

/**
 * Wraps an {@link L2Store} so that each call is bounded, counted and breaker-protected.
 *
 * @example
 * ```ts
 * import { CacheCounters } from "./counters.ts";
 * import { L2Guard, UNAVAILABLE } from "./l2_guard.ts";
 * import { MemoryStore } from "./memory_store.ts";
 * const guard = new L2Guard(new MemoryStore(), { counters: new CacheCounters() });
 * const value = await guard.call("k", (store) => store.get("k"));
 * value === UNAVAILABLE; // false: the key is simply absent
 * ```
 */
export class L2Guard {
  #store: L2Store;
  #deadlineMs: number;
  #breaker: CircuitBreaker;
  #shards?: ShardBreakers;
  #counters: CacheCounters;
  #pending: PendingCall[] = [];
  #head = 0;
  #live = 0;
  #timer?: ReturnType<typeof setTimeout>;

  /** @param store The store to guard. @param options Deadline, breaker and counters. */
  constructor(store: L2Store, options: L2GuardOptions) {
    this.#store = store;
    this.#deadlineMs = options.deadlineMs ?? 50;
    this.#counters = options.counters;
    const counters = options.counters;
    this.#breaker = new CircuitBreaker({
      ...options.breaker,
      onStateChange: (state) => counters.recordBreaker(state),
    });
    if (sharded(store)) this.#shards = new ShardBreakers(store, options);
  }

  /** The guarded store. */
  get store(): L2Store {
    return this.#store;
  }

  /** The breaker's current state; with a sharded store, the nodes' summed up. */
  get state(): CircuitBreaker["state"] {
    return this.#shards?.state ?? this.#breaker.state;
  }

  /** With a sharded store, each node serving now and its breaker's state; else empty. */
  get nodes(): NodeBreakerState[] {
    return this.#shards?.nodes ?? [];
  }

  /**
   * Makes one store call, unless the breaker (of the node serving `key`) is open.
   *
   * @param key The key the call is about; it picks the node's breaker in a sharded store.
   * @param fn The call.
   * @returns Its result, or {@link UNAVAILABLE} if it was skipped, failed or passed its deadline.
   */
  call<T>(key: string, fn: (store: L2Store) => Promise<T>): Promise<T | typeof UNAVAILABLE> {
    const counters = this.#counters;
    const breaker = this.#shards === undefined ? this.#breaker : this.#shards.forKey(key);
    if (!breaker.allow()) {
      counters.l2Skipped++;
      return Promise.resolve(UNAVAILABLE);
    }
    if (!this.#store.ready) {
      // Offline: fail fast without sending anything, and let the breaker count it.
      counters.l2Errors++;
      breaker.failure();
      return Promise.resolve(UNAVAILABLE);
    }
    counters.l2Calls++;
    let pending: Promise<T>;
    try {
      pending = fn(this.#store);
    } catch {
      return Promise.resolve(this.#failed(breaker, false));
    }
    return new Promise<T | typeof UNAVAILABLE>((resolve) => {
      const call: PendingCall = {
        due: Date.now() + this.#deadlineMs,
        settled: false,
        expire: () => resolve(this.#failed(breaker, true)),
      };
      this.#track(call);
      // A reply that comes after the deadline was already counted as a failure: ignore it.
      pending.then((value) => {
        if (call.settled) return;
        this.#settle(call);
        breaker.success();
        resolve(value);
      }, () => {
        if (call.settled) return;
        this.#settle(call);
        resolve(this.#failed(breaker, false));
      });
    });
  }

  // Every call has the same deadline, so calls expire in the order they were made: one timer,
  // armed for the oldest pending call, serves them all (a timer per call costs more than the
  // Redis round trip's own CPU time).
  #track(call: PendingCall): void {
    this.#pending.push(call);
    this.#live++;
    if (this.#timer === undefined) this.#arm(call.due);
  }

  #settle(call: PendingCall): void {
    call.settled = true;
    // The timer stays armed when nothing is pending: re-arming per call would cost more than
    // the call. It lapses at the oldest deadline; close() clears it.
    if (--this.#live === 0) {
      this.#pending = [];
      this.#head = 0;
    }
  }

  #arm(due: number): void {
    this.#timer = setTimeout(() => this.#sweep(), Math.max(0, due - Date.now()));
  }

  #sweep(): void {
    this.#timer = undefined;
    const now = Date.now();
    while (this.#head < this.#pending.length) {
      const call = this.#pending[this.#head];
      if (!call.settled && call.due > now) break;
      this.#head++;
      if (!call.settled) {
        this.#settle(call);
        call.expire();
      }
    }
    if (this.#head > 1024) {
      this.#pending = this.#pending.slice(this.#head);
      this.#head = 0;
    }
    if (this.#live > 0) {
      let head = this.#head;
      while (this.#pending[head].settled) head++;
      this.#arm(this.#pending[head].due);
    }
  }

  /** Clears the deadline timer; calls still pending then never time out. */
  close(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #failed(breaker: CircuitBreaker, timedOut: boolean): typeof UNAVAILABLE {
    if (timedOut) this.#counters.l2Timeouts++;
    else this.#counters.l2Errors++;
    breaker.failure();
    return UNAVAILABLE;
  }
}
