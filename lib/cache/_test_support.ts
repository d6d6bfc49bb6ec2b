/**
 * Helpers shared by the cache tests: the test Redis, unique key prefixes, cleanup, a seeded
 * PRNG and a redis-server the test owns.
 *
 * @module
 */
import { createClient } from "redis";
import { Cache, type CacheOptions } from "./cache.ts";

/** The shared test Redis (`CACHE_TEST_REDIS_URL`, default 127.0.0.1:6379). */
export const TEST_REDIS_URL = Deno.env.get("CACHE_TEST_REDIS_URL") ?? "redis://127.0.0.1:6379";

/** A key prefix no other test run uses. */
export function uniquePrefix(label: string): string {
  return `beacon-test:${label}:${crypto.randomUUID()}:`;
}

/** Runs `fn` with a raw node-redis client, then closes it. */
export async function withRawRedis<T>(
  fn: (client: ReturnType<typeof createClient>) => Promise<T>,
  url = TEST_REDIS_URL,
): Promise<T> {
  const client = createClient({ url });
  client.on("error", () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    client.destroy();
  }
}

/** Deletes every key under `prefix` in the test Redis. */
export async function deletePrefix(prefix: string, url = TEST_REDIS_URL): Promise<void> {
  await withRawRedis(async (client) => {
    for await (const keys of client.scanIterator({ MATCH: prefix + "*", COUNT: 500 })) {
      if (keys.length > 0) await client.del(keys);
    }
  }, url);
}

/** Mulberry32: a small seeded PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return function next(): number {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A loopback port that was free a moment ago. */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

/** A redis-server child process on a port of its own, with no persistence. */
export class OwnRedis {
  #child?: Deno.ChildProcess;
  readonly port: number;

  /** @param port Where to listen; default a free port. */
  constructor(port = freePort()) {
    this.port = port;
  }

  /** Its URL. */
  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts the server and waits until it answers PING. */
  async start(): Promise<void> {
    this.#child = new Deno.Command("redis-server", {
      args: [
        "--port",
        String(this.port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
      ],
      stdout: "null",
      stderr: "null",
    }).spawn();
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      try {
        await withRawRedis((client) => client.ping(), this.url);
        return;
      } catch {
        await sleep(50);
      }
    }
    throw new Error(`redis-server on port ${this.port} did not answer within 10 s`);
  }

  /** Sends `signal` to the server. */
  signal(signal: Deno.Signal): void {
    this.#child?.kill(signal);
  }

  /** Kills the server and waits for it to exit. */
  async stop(): Promise<void> {
    const child = this.#child;
    if (child === undefined) return;
    this.#child = undefined;
    try {
      child.kill("SIGCONT");
      child.kill("SIGKILL");
    } catch {
      // already gone
    }
    await child.status;
  }
}

/**
 * `track` makes a cache that is closed when its test ends (its L2 deadline timer must not
 * outlive the test); `test` declares a test that closes them.
 */
export function trackedCaches(): {
  track(options?: CacheOptions): Cache;
  test(name: string, fn: () => Promise<void>): void;
} {
  const opened: Cache[] = [];
  return {
    track(options) {
      const cache = new Cache(options);
      opened.push(cache);
      return cache;
    },
    test(name, fn) {
      Deno.test(name, async () => {
        try {
          await fn();
        } finally {
          for (const cache of opened.splice(0)) await cache.close();
        }
      });
    },
  };
}
