/**
 * Keeps a node-redis cluster client connected and its slot map current. node-redis rediscovers
 * the topology only on a `MOVED` reply; a master that died never sends one, so its slots would
 * point at it for good. The watch compares the slot map with `CLUSTER SLOTS` from a live master
 * every `refreshMs` (and soon after a node error) and rediscovers when they differ, e.g. once a
 * replica was promoted.
 *
 * @module
 */
import type { ClusterClient } from "./redis_cluster_store.ts";

/** Options of {@link ClusterWatch}. */
export interface ClusterWatchOptions {
  /** How often the slot map is checked (ms). */
  refreshMs: number;
  /** Longest wait for a node's answer during a check or warm-up (ms). */
  timeoutMs: number;
  /** Delay before the next discovery attempt while no root node answers. */
  retryDelay: (retries: number) => number;
  /** Told of discovery and node errors. */
  onError?: (error: Error) => void;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Connects the cluster client (retrying with backoff), warms up its masters' connections and
 * keeps the slot map current until closed.
 *
 * @example
 * ```ts ignore
 * const watch = new ClusterWatch(cluster, { refreshMs: 1000, timeoutMs: 1000, retryDelay });
 * await watch.connected;
 * await watch.close(); // destroys the client
 * ```
 */
export class ClusterWatch {
  /** Settles once connected and the masters' connections were tried, or once closed. */
  readonly connected: Promise<void>;
  #cluster: ClusterClient;
  #options: ClusterWatchOptions;
  #closed = false;
  #timer?: ReturnType<typeof setInterval>;
  #wake?: () => void;
  #checking?: Promise<void>;
  #lastCheck = 0;
  #turn = 0;

  /** @param cluster A client not yet connected. @param options Timing and error hook. */
  constructor(cluster: ClusterClient, options: ClusterWatchOptions) {
    this.#cluster = cluster;
    this.#options = options;
    cluster.on("node-error", (error: Error) => {
      options.onError?.(error);
      if (Date.now() - this.#lastCheck > 200) this.#check();
    });
    this.connected = this.#connect();
  }

  async #connect(): Promise<void> {
    for (let retries = 0; !this.#closed; retries++) {
      try {
        await this.#cluster.connect();
        break;
      } catch (error) {
        if (this.#closed) return;
        this.#options.onError?.(asError(error));
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.#options.retryDelay(retries));
          this.#wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.#wake = undefined;
      }
    }
    if (this.#closed) return;
    this.#timer = setInterval(() => this.#check(), this.#options.refreshMs);
    await this.#warmUp();
  }

  /** Opens the masters' connections ahead of the first calls, waiting at most `timeoutMs`. */
  #warmUp(): Promise<unknown> {
    const cluster = this.#cluster;
    return this.#within(Promise.all(cluster.masters.map((master) => cluster.nodeClient(master))));
  }

  #check(): void {
    if (this.#checking !== undefined || this.#closed || !this.#cluster.isOpen) return;
    this.#lastCheck = Date.now();
    this.#checking = this.#refresh().catch((error) => this.#options.onError?.(asError(error)))
      .finally(() => this.#checking = undefined);
  }

  async #refresh(): Promise<void> {
    const client = this.#liveMaster();
    if (client === undefined) return;
    const reply = await this.#within(client.clusterSlots());
    if (reply === undefined || this.#closed) return;
    const slots = this.#cluster.slots;
    const moved = reply.some((range) =>
      slots[range.from]?.master.address !== `${range.master.host}:${range.master.port}`
    );
    if (!moved) return;
    // The client just answered, so discovery through it is not left waiting on a dead node.
    await this.#within(this.#cluster._slots.rediscover(client));
    await this.#warmUp();
  }

  /** A connected master's client, taking turns so a hung one does not block every check. */
  #liveMaster() {
    const masters = this.#cluster.masters;
    for (let i = 0; i < masters.length; i++) {
      const client = masters[(this.#turn + i) % masters.length].client;
      if (client?.isReady) {
        this.#turn += i + 1;
        return client;
      }
    }
    return undefined;
  }

  /** Resolves with the promise's value, or undefined if it rejects or `timeoutMs` passes. */
  #within<T>(promise: Promise<T>): Promise<T | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(undefined), this.#options.timeoutMs);
      promise.then((value) => {
        clearTimeout(timer);
        resolve(value);
      }, () => {
        clearTimeout(timer);
        resolve(undefined);
      });
    });
  }

  /** Stops watching and destroys the client, dropping pending commands. */
  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#timer);
    this.#wake?.();
    this.#cluster.destroy();
    await this.connected;
    await this.#checking;
  }
}
