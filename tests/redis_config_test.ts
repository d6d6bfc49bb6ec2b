/**
 * The shipped Redis configuration (deploy/): redis-server started from deploy/redis.conf and
 * deploy/redis-cluster.conf with only `--port` and `--dir` given, deploy/users.acl copied into
 * that dir. The cache's store contract runs as the `beacon` user, and what Beacon never sends
 * is refused.
 */
import assert from "node:assert/strict";
import { createClient } from "redis";
import { Cache, cacheKey, RedisClusterStore, RedisStore } from "../lib/cache/mod.ts";
import { STORE_CONTRACT } from "../lib/cache/_store_contract.ts";
import { freePort, sleep } from "../lib/cache/_test_support.ts";
import { RedisClusterFixture } from "./_redis_cluster.ts";

const DEPLOY = new URL("../deploy/", import.meta.url).pathname;
// The documented placeholders of deploy/users.acl.
const BEACON = { username: "beacon", password: "beacon-change-me" };
const ADMIN = { username: "admin", password: "admin-change-me" };

function url(user: { username: string; password: string } | undefined, address: string): string {
  return `redis://${user ? `${user.username}:${user.password}@` : ""}${address}`;
}

async function withClient<T>(
  address: string,
  user: { username: string; password: string } | undefined,
  fn: (client: ReturnType<typeof createClient>) => Promise<T>,
): Promise<T> {
  const client = createClient({ url: url(user, address), socket: { reconnectStrategy: false } });
  client.on("error", () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    client.destroy();
  }
}

/** redis-server on deploy/redis.conf; only port and dir come from the command line. */
async function startShipped(): Promise<{ address: string; stop(): Promise<void> }> {
  const dir = await Deno.makeTempDir({ prefix: "beacon-redis-config-" });
  await Deno.copyFile(`${DEPLOY}users.acl`, `${dir}/users.acl`);
  const port = freePort();
  const child = new Deno.Command("redis-server", {
    args: [`${DEPLOY}redis.conf`, "--port", String(port), "--dir", dir],
    stdout: "null",
    stderr: "null",
  }).spawn();
  const address = `127.0.0.1:${port}`;
  const stop = async () => {
    child.kill("SIGKILL");
    await child.status;
    await Deno.remove(dir, { recursive: true });
  };
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; await sleep(50)) {
    try {
      await withClient(address, ADMIN, (client) => client.ping());
      return { address, stop };
    } catch {
      // not up yet
    }
  }
  await stop();
  throw new Error(`redis-server with deploy/redis.conf did not answer on ${address}`);
}

/** Asserts that the ACL log of each server is empty: every command Beacon sent was allowed. */
async function assertNothingRefused(addresses: string[]): Promise<void> {
  for (const address of addresses) {
    const log = await withClient(address, ADMIN, (client) => client.aclLog());
    assert.deepEqual(log.map((entry) => `${entry.username}: ${entry.object}`), [], address);
  }
}

/** Asserts that `beacon` is refused what Beacon never sends. */
async function assertRefused(address: string): Promise<void> {
  await withClient(address, BEACON, async (client) => {
    const refused = async (args: string[]) => {
      const error = await client.sendCommand(args).then(() => undefined, (e: Error) => e);
      assert.ok(error, `${args.join(" ")} was accepted`);
      return error.message;
    };
    assert.match(await refused(["KEYS", "*"]), /^NOPERM/);
    assert.match(await refused(["FLUSHALL"]), /^NOPERM/);
    assert.match(await refused(["CONFIG", "GET", "maxmemory"]), /^NOPERM/);
    assert.match(await refused(["GET", "not-beacon:x"]), /^NOPERM/);
    // DEBUG is off for everyone (enable-debug-command no), ahead of the ACL check.
    assert.match(await refused(["DEBUG", "SLEEP", "0"]), /DEBUG command not allowed/);
  });
  await withClient(address, ADMIN, async (client) => {
    for (
      const command of [["KEYS", "*"], ["FLUSHALL"], ["CONFIG", "GET", "x"], [
        "DEBUG",
        "SLEEP",
        "0",
      ]]
    ) {
      const verdict = String(await client.sendCommand(["ACL", "DRYRUN", "beacon", ...command]));
      assert.match(verdict, /no permissions/, `${command[0]}: ${verdict}`);
    }
  });
  // The default user is off: a connection without credentials can do nothing.
  await assert.rejects(
    withClient(address, undefined, (client) => client.get("beacon:x")),
    /NOAUTH/,
  );
}

Deno.test("deploy/redis.conf: the store contract runs as beacon, and the rest is refused", async (t) => {
  const server = await startShipped();
  try {
    await t.step("the settings are in force", async () => {
      await withClient(server.address, ADMIN, async (client) => {
        const config = await client.configGet([
          "maxmemory*",
          "save",
          "appendonly",
          "protected-mode",
        ]);
        assert.equal(config["maxmemory-policy"], "allkeys-lru");
        assert.ok(Number(config.maxmemory) > 0);
        assert.equal(config.save, "");
        assert.equal(config.appendonly, "no");
        assert.equal(config["protected-mode"], "yes");
      });
    });
    for (const { behaviour, fn } of STORE_CONTRACT) {
      await t.step(behaviour, async () => {
        const errors: Error[] = [];
        const store = new RedisStore({
          url: url(BEACON, server.address),
          prefix: `beacon:test-${crypto.randomUUID()}:`,
          onError: (error) => errors.push(error),
        });
        await store.whenConnected();
        try {
          await fn(store);
        } finally {
          await store.close();
        }
        assert.deepEqual(errors, []);
      });
    }
    await t.step("a cache over it loads, hits and probes", async () => {
      const store = new RedisStore({ url: url(BEACON, server.address), prefix: "beacon:" });
      const cache = new Cache({ l2: store, closeL2: true, l1MaxBytes: 0 });
      const key = cacheKey({ namespace: "beacon", schema: 1, tenant: "acme", kind: "k", id: "1" });
      try {
        await store.whenConnected();
        assert.equal((await cache.getOrLoad(key, () => Promise.resolve(1))).tier, "load");
        assert.equal((await cache.getOrLoad(key, () => Promise.resolve(2))).tier, "l2");
        assert.equal(await cache.probeL2(), true);
        assert.equal(cache.counters.l2Errors, 0);
      } finally {
        await cache.close();
      }
    });
    await t.step("nothing Beacon sent was refused", () => assertNothingRefused([server.address]));
    await t.step(
      "KEYS, FLUSHALL, CONFIG and DEBUG are refused",
      () => assertRefused(server.address),
    );
  } finally {
    await server.stop();
  }
});

Deno.test("deploy/redis-cluster.conf: a cluster of it serves beacon, and the rest is refused", async (t) => {
  const cluster = new RedisClusterFixture({
    configFile: `${DEPLOY}redis-cluster.conf`,
    files: { "users.acl": `${DEPLOY}users.acl` },
    admin: ADMIN,
    replicas: 1, // replicas authenticate as `replication`: healthy only if that works
  });
  await cluster.start();
  try {
    const urls = cluster.nodes.map((node) => url(BEACON, node.address));
    for (const { behaviour, fn } of STORE_CONTRACT) {
      await t.step(behaviour, async () => {
        const errors: Error[] = [];
        const store = new RedisClusterStore({
          urls,
          prefix: `beacon:test-${crypto.randomUUID()}:`,
          onError: (error) => errors.push(error),
        });
        await store.whenConnected();
        try {
          await fn(store);
        } finally {
          await store.close();
        }
        assert.deepEqual(errors, []);
      });
    }
    await t.step(
      "nothing Beacon sent was refused",
      () => assertNothingRefused(cluster.nodes.map((node) => node.address)),
    );
    await t.step(
      "KEYS, FLUSHALL, CONFIG and DEBUG are refused",
      () => assertRefused(cluster.nodes[0].address),
    );
  } finally {
    await cluster.stop();
  }
});
