/**
 * One circuit breaker per node of a sharded L2 store (Redis Cluster): a lost shard opens its
 * own breaker, and calls for keys on the other shards go on. A node that leaves the topology
 * (a failed-over master) takes its breaker with it; its successor starts closed.
 *
 * @module
 */
import { type BreakerOptions, type BreakerState, CircuitBreaker } from "./breaker.ts";
import type { CacheCounters } from "./counters.ts";
import type { L2Node } from "./l2_store.ts";

/** The part of a sharded store the breakers need. */
export interface ShardedStore {
  nodeOf(key: string): string;
  nodes(): readonly L2Node[];
}

/** A node's name and its breaker's state. */
export interface NodeBreakerState {
  readonly node: string;
  readonly state: BreakerState;
}

/**
 * The summary of several breakers: `open` only when every one is open, `closed` when every one
 * is closed, `half-open` when some let calls through and some do not.
 *
 * @param states Each node's state; none counts as closed.
 * @returns The summary.
 * @example
 * ```ts
 * import { summarize } from "./shard_breakers.ts";
 * summarize(["closed", "open", "closed"]); // "half-open"
 * ```
 */
export function summarize(states: readonly BreakerState[]): BreakerState {
  if (states.length === 0) return "closed";
  const open = states.filter((state) => state === "open").length;
  if (open === states.length) return "open";
  return open === 0 && states.every((state) => state === "closed") ? "closed" : "half-open";
}

/**
 * Breakers by node, created on a node's first call; the summary goes to the counters.
 *
 * @example
 * ```ts
 * import { CacheCounters } from "./counters.ts";
 * import { ShardBreakers } from "./shard_breakers.ts";
 * const store = { nodeOf: (key: string) => key[0], nodes: () => [] };
 * const breakers = new ShardBreakers(store, { counters: new CacheCounters() });
 * breakers.forKey("a1").failure();
 * breakers.state; // "closed": one failure of five
 * ```
 */
export class ShardBreakers {
  #store: ShardedStore;
  #options: Omit<BreakerOptions, "onStateChange">;
  #counters: CacheCounters;
  #byNode = new Map<string, CircuitBreaker>();

  /** @param store Names the node of a key. @param options Breaker options and counters. */
  constructor(
    store: ShardedStore,
    options: { breaker?: Omit<BreakerOptions, "onStateChange">; counters: CacheCounters },
  ) {
    this.#store = store;
    this.#options = options.breaker ?? {};
    this.#counters = options.counters;
    this.#counters.observeBreakerNodes(() => this.nodes);
  }

  /** The breaker of the node serving `key` now. */
  forKey(key: string): CircuitBreaker {
    const node = this.#store.nodeOf(key);
    return this.#byNode.get(node) ?? this.#create(node);
  }

  /** The summary of the nodes serving now (see {@link summarize}). */
  get state(): BreakerState {
    return summarize(this.nodes.map((n) => n.state));
  }

  /** Each node serving now (or, while the topology is unknown, each node called) and its state. */
  get nodes(): NodeBreakerState[] {
    if (this.#prune()) this.#record();
    const serving = this.#store.nodes().map((n) => n.node);
    const names = serving.length > 0 ? serving : [...this.#byNode.keys()];
    return names.map((node) => ({ node, state: this.#byNode.get(node)?.state ?? "closed" }));
  }

  #create(node: string): CircuitBreaker {
    const breaker = new CircuitBreaker({ ...this.#options, onStateChange: () => this.#record() });
    this.#byNode.set(node, breaker);
    this.#record();
    return breaker;
  }

  /** Drops the breakers of nodes that no longer serve keys; true if any was dropped. */
  #prune(): boolean {
    const serving = this.#store.nodes();
    if (serving.length === 0) return false;
    let pruned = false;
    for (const node of this.#byNode.keys()) {
      if (serving.some((n) => n.node === node)) continue;
      this.#byNode.delete(node);
      pruned = true;
    }
    return pruned;
  }

  #record(): void {
    this.#counters.recordBreaker(this.state);
  }
}
