/**
 * The Redis {@link L2Store}, through node-redis 5 over RESP3. It never throws an unhandled
 * `error` event, never queues commands while offline (they fail at once), and reconnects by
 * itself with capped, jittered backoff. Deadlines and the breaker live in the cache.
 *
 * @module
 */
import { createClient } from "redis";
import type { L2Store } from "./l2_store.ts";

/** Options of {@link RedisStore}. */
export interface RedisStoreOptions {
  /** `redis://` URL, e.g. `redis://127.0.0.1:6379`. */
  url: string;
  /** Prepended to every key, e.g. a per-test-run prefix. Default `""`. */
  prefix?: string;
  /** Longest wait between reconnect attempts (ms). Default 500. */
  maxReconnectDelayMs?: number;
  /** Connection (and handshake) timeout (ms). Default 1000. */
  connectTimeoutMs?: number;
  /** Told of every client error (connection lost, refused, ...); they are otherwise swallowed. */
  onError?: (error: Error) => void;
}

const RELEASE_SCRIPT =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

function connect(options: RedisStoreOptions) {
  const maxDelay = options.maxReconnectDelayMs ?? 500;
  return createClient({
    url: options.url,
    RESP: 3,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: options.connectTimeoutMs ?? 1000,
      reconnectStrategy: function reconnectDelay(retries: number): number {
        const base = Math.min(20 * 2 ** Math.min(retries, 10), maxDelay);
        return Math.round(base / 2 + Math.random() * base / 2);
      },
    },
  });
}

/**
 * An {@link L2Store} on Redis.
 *
 * @example
 * ```ts
 * import { RedisStore } from "./redis_store.ts";
 * const store = new RedisStore({ url: "redis://127.0.0.1:6379", prefix: "example:" });
 * await store.set("k", "v", 1000).catch(() => {}); // rejects at once while still connecting
 * await store.close();
 * ```
 */
export class RedisStore implements L2Store {
  #client: ReturnType<typeof connect>;
  #prefix: string;
  #closed = false;
  #connecting: Promise<void>;
  #batch?: {
    keys: string[];
    waiters: { resolve: (value: string | undefined) => void; reject: (error: unknown) => void }[];
  };

  /** @param options URL, key prefix, reconnect and error hooks. */
  constructor(options: RedisStoreOptions) {
    this.#prefix = options.prefix ?? "";
    this.#client = connect(options);
    this.#client.on("error", function swallowRedisError(error: Error) {
      options.onError?.(error);
    });
    // connect() keeps retrying through reconnectStrategy; a rejection only means we gave up
    // or were closed, and every call then fails fast through `ready`.
    this.#connecting = this.#client.connect().then(() => {}, () => {});
  }

  /** Resolves once the first connection attempt settled (connected, or given up). */
  whenConnected(): Promise<void> {
    return this.#connecting;
  }

  /** True while connected and ready for commands. */
  get ready(): boolean {
    return !this.#closed && this.#client.isReady;
  }

  /**
   * The value under `key`. GETs made in the same tick go out as one MGET: 64 concurrent
   * readers cost one command, not 64 (keys share no hash slot rule: not for Redis Cluster).
   */
  get(key: string): Promise<string | undefined> {
    return new Promise((resolve, reject) => {
      let batch = this.#batch;
      if (batch === undefined) {
        batch = this.#batch = { keys: [], waiters: [] };
        queueMicrotask(() => this.#flush());
      }
      batch.keys.push(this.#prefix + key);
      batch.waiters.push({ resolve, reject });
    });
  }

  #flush(): void {
    const { keys, waiters } = this.#batch!;
    this.#batch = undefined;
    const fail = (error: unknown) => {
      for (const waiter of waiters) waiter.reject(error);
    };
    try {
      if (keys.length === 1) {
        this.#client.get(keys[0]).then((value) => waiters[0].resolve(value ?? undefined), fail);
      } else {
        this.#client.mGet(keys).then((values) => {
          for (let i = 0; i < waiters.length; i++) waiters[i].resolve(values[i] ?? undefined);
        }, fail);
      }
    } catch (error) {
      fail(error);
    }
  }

  /** @inheritdoc */
  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.#client.set(this.#prefix + key, value, {
      expiration: { type: "PX", value: Math.max(1, Math.round(ttlMs)) },
    });
  }

  /** @inheritdoc */
  async delete(key: string): Promise<void> {
    await this.#client.del(this.#prefix + key);
  }

  /** @inheritdoc */
  async acquireLease(key: string, token: string, ttlMs: number): Promise<boolean> {
    const reply = await this.#client.set(this.#prefix + key, token, {
      condition: "NX",
      expiration: { type: "PX", value: Math.max(1, Math.round(ttlMs)) },
    });
    return reply === "OK";
  }

  /** @inheritdoc */
  async releaseLease(key: string, token: string): Promise<void> {
    await this.#client.eval(RELEASE_SCRIPT, { keys: [this.#prefix + key], arguments: [token] });
  }

  /** Closes the connection at once, dropping pending commands, and stops reconnecting. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#client.isOpen) this.#client.destroy();
    await this.#connecting;
  }
}
