/**
 * The Redis Cluster {@link L2Store}, through node-redis 5 `createCluster` over RESP3. Like
 * `RedisStore` it never throws an unhandled `error` event, never queues commands for a node it
 * is not connected to (they fail at once), and reconnects by itself with capped, jittered
 * backoff. It also names the node serving each key ({@link RedisClusterStore.nodeOf}), so the
 * cache keeps a breaker per node, and it watches the slot map, so a failed-over shard is
 * served by its promoted replica without waiting for a `MOVED` reply.
 *
 * @module
 */
import { createCluster } from "redis";
import { keySlot } from "./key_slot.ts";
import type { L2Node, L2Store } from "./l2_store.ts";
import { ClusterWatch } from "./_cluster_watch.ts";

/** Options of {@link RedisClusterStore}. */
export interface RedisClusterStoreOptions {
  /** Root nodes (`redis://` URLs, one user and password for all), any of which can answer. */
  urls: readonly string[];
  /** Prepended to every key, e.g. `beacon:`; it must hold no `{` or `}`. Default `""`. */
  prefix?: string;
  /** Longest wait between reconnect attempts (ms). Default 500. */
  maxReconnectDelayMs?: number;
  /** Connection (and handshake) timeout (ms). Default 1000. */
  connectTimeoutMs?: number;
  /** How often the slot map is compared with the cluster's (ms). Default 1000. */
  topologyRefreshMs?: number;
  /** Told of every client error (node lost, refused, ...); they are otherwise swallowed. */
  onError?: (error: Error) => void;
}

/** The GETs of one hash slot made in one tick, and their callers. */
interface Batch {
  keys: string[];
  waiters: { resolve: (value: string | undefined) => void; reject: (error: unknown) => void }[];
}

const RELEASE_SCRIPT =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

function backoff(retries: number, maxDelay: number): number {
  const base = Math.min(20 * 2 ** Math.min(retries, 10), maxDelay);
  return Math.round(base / 2 + Math.random() * base / 2);
}

function connect(options: RedisClusterStoreOptions) {
  const maxDelay = options.maxReconnectDelayMs ?? 500;
  const first = new URL(options.urls[0]);
  return createCluster({
    rootNodes: options.urls.map((url) => ({ url })),
    RESP: 3,
    // Nodes connect on first use: discovery never waits for a node that does not answer.
    minimizeConnections: true,
    useReplicas: false,
    defaults: {
      username: decodeURIComponent(first.username) || undefined,
      password: decodeURIComponent(first.password) || undefined,
      disableOfflineQueue: true,
      maintNotifications: "disabled",
      socket: {
        connectTimeout: options.connectTimeoutMs ?? 1000,
        tls: first.protocol === "rediss:",
        reconnectStrategy: function reconnectDelay(retries: number): number {
          return backoff(retries, maxDelay);
        },
      },
    },
  });
}

/** The node-redis cluster client {@link RedisClusterStore} uses. */
export type ClusterClient = ReturnType<typeof connect>;

/**
 * An {@link L2Store} on Redis Cluster. Keys are expected to carry a hash tag (`cacheKey` puts
 * the tenant in one), so one tenant's keys share a slot.
 *
 * @example
 * ```ts
 * import { RedisClusterStore } from "./redis_cluster_store.ts";
 * const store = new RedisClusterStore({
 *   urls: ["redis://127.0.0.1:7000", "redis://127.0.0.1:7001"],
 *   prefix: "example:",
 * });
 * await store.set("k", "v", 1000).catch(() => {}); // rejects at once while still connecting
 * await store.close();
 * ```
 */
export class RedisClusterStore implements L2Store {
  #cluster: ClusterClient;
  #prefix: string;
  #closed = false;
  #watch: ClusterWatch;
  #batch?: Map<number, Batch>;
  #mastersSeen?: unknown;
  #nodes: L2Node[] = [];

  /** @param options Root nodes, key prefix, timing and error hook. */
  constructor(options: RedisClusterStoreOptions) {
    if (options.urls.length === 0) {
      throw new TypeError("Cannot connect to Redis Cluster: no node URLs given");
    }
    this.#prefix = options.prefix ?? "";
    if (/[{}]/.test(this.#prefix)) {
      throw new RangeError(
        `Cannot use Redis Cluster key prefix "${this.#prefix}": it must not hold { or } (hash tags)`,
      );
    }
    this.#cluster = connect(options);
    const onError = options.onError;
    this.#cluster.on("error", function swallowClusterError(error: Error) {
      onError?.(error);
    });
    this.#watch = new ClusterWatch(this.#cluster, {
      refreshMs: options.topologyRefreshMs ?? 1000,
      timeoutMs: options.connectTimeoutMs ?? 1000,
      retryDelay: (retries) => backoff(retries, options.maxReconnectDelayMs ?? 500),
      onError,
    });
  }

  /** Resolves once the first discovery settled and the masters' connections were tried. */
  whenConnected(): Promise<void> {
    return this.#watch.connected;
  }

  /** True while the slot map is known and the store is open. */
  get ready(): boolean {
    return !this.#closed && this.#cluster.isOpen && this.#cluster.masters.length > 0;
  }

  /** The master serving `key` now, as `host:port`, or `""` while the slot map is unknown. */
  nodeOf(key: string): string {
    return this.#cluster.slots[keySlot(this.#prefix + key)]?.master.address ?? "";
  }

  /** The masters serving slots now, each with a key it serves. */
  nodes(): readonly L2Node[] {
    const masters = this.#cluster.masters;
    if (masters !== this.#mastersSeen) {
      // node-redis replaces the array on every discovery: recompute once per topology.
      this.#mastersSeen = masters;
      this.#nodes = masters.map((master) => ({
        node: master.address,
        probeKey: this.#keyOn(master.address),
      }));
    }
    return this.#nodes;
  }

  #keyOn(address: string): string {
    for (let i = 0; i < 1_000_000; i++) {
      const key = `beacon-health-probe{p${i}}`;
      if (this.nodeOf(key) === address) return key;
    }
    return "beacon-health-probe";
  }

  /**
   * The value under `key`. GETs made in the same tick go out as one MGET per hash slot (Redis
   * Cluster refuses an MGET across slots): a tenant's concurrent readers cost one command.
   */
  get(key: string): Promise<string | undefined> {
    return new Promise((resolve, reject) => {
      let batch = this.#batch;
      if (batch === undefined) {
        batch = this.#batch = new Map();
        queueMicrotask(() => this.#flush());
      }
      const full = this.#prefix + key;
      const slot = keySlot(full);
      let group = batch.get(slot);
      if (group === undefined) batch.set(slot, group = { keys: [], waiters: [] });
      group.keys.push(full);
      group.waiters.push({ resolve, reject });
    });
  }

  #flush(): void {
    const batch = this.#batch!;
    this.#batch = undefined;
    for (const group of batch.values()) this.#send(group);
  }

  #send({ keys, waiters }: Batch): void {
    const fail = (error: unknown) => {
      for (const waiter of waiters) waiter.reject(error);
    };
    try {
      if (keys.length === 1) {
        this.#cluster.get(keys[0]).then((value) => waiters[0].resolve(value ?? undefined), fail);
      } else {
        this.#cluster.mGet(keys).then((values) => {
          for (let i = 0; i < waiters.length; i++) waiters[i].resolve(values[i] ?? undefined);
        }, fail);
      }
    } catch (error) {
      fail(error);
    }
  }

  /** @inheritdoc */
  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.#cluster.set(this.#prefix + key, value, {
      expiration: { type: "PX", value: Math.max(1, Math.round(ttlMs)) },
    });
  }

  /** @inheritdoc */
  async delete(key: string): Promise<void> {
    await this.#cluster.del(this.#prefix + key);
  }

  /** @inheritdoc */
  async acquireLease(key: string, token: string, ttlMs: number): Promise<boolean> {
    const reply = await this.#cluster.set(this.#prefix + key, token, {
      condition: "NX",
      expiration: { type: "PX", value: Math.max(1, Math.round(ttlMs)) },
    });
    return reply === "OK";
  }

  /** @inheritdoc */
  async releaseLease(key: string, token: string): Promise<void> {
    await this.#cluster.eval(RELEASE_SCRIPT, { keys: [this.#prefix + key], arguments: [token] });
  }

  /** Closes every connection at once, dropping pending commands, and stops watching. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#watch.close();
  }
}
