/**
 * Two Beacon instances over a 6-node Redis Cluster (3 masters, 3 replicas) and one PostgreSQL
 * database, as an operator would run them. The cache's own contract over a cluster — values,
 * TTLs, leases, per-slot MGET, per-master breakers, failover — is proven in
 * `lib/cache/redis_cluster_store_test.ts` and `lib/cache/redis_cluster_fault_test.ts`; here
 * the assembled app is: where its keys land, what one instance serves of another's write, and
 * what a dead master costs readers.
 */
import assert from "node:assert/strict";
import { loadConfig } from "../lib/config.ts";
import { type Server, startServer } from "../lib/server/server.ts";
import { createTestDb, TEST_SESSION_SECRET, type TestDb } from "./_db.ts";
import { RedisClusterFixture } from "./_redis_cluster.ts";
import { type CacheCounts, cacheCounts, countsBetween, hitRatio } from "./_scrape.ts";
import { demoTasks, postForm, signInCookie } from "./_ws.ts";
import { ClusterLoad } from "./_cluster_load.ts";

interface RedisHealth {
  ok: boolean | string;
  breaker: string;
  kind: string;
  nodes?: { node: string; ok: boolean; breaker: string }[];
}

async function redisHealth(server: Server): Promise<{ status: string; redis: RedisHealth }> {
  const res = await fetch(`${server.url}/healthz`);
  return await res.json();
}

async function until(what: string, test: () => Promise<boolean>, withinMs = 20_000) {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (await test()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out waiting until ${what}`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

Deno.test("two instances over a Redis Cluster", async (t) => {
  const cluster = new RedisClusterFixture();
  await cluster.start();
  let db: TestDb | undefined;
  const servers: Server[] = [];
  try {
    db = await createTestDb({ seed: true });
    const config = loadConfig({
      PORT: "0",
      DATABASE_URL: db.url!,
      SESSION_SECRET: TEST_SESSION_SECRET,
      REDIS_URL: cluster.redisUrl,
    });
    assert.equal(config.redisCluster, true);
    servers.push(await startServer(config, { seed: false }));
    servers.push(await startServer(config, { seed: false }));
    const [a, b] = servers;
    const { acme, globex } = await demoTasks(db.db);
    const tenants = await db.db.query<{ id: string; slug: string }>(
      "SELECT id, slug FROM tenants",
    );
    const acmeTenant = tenants.find((row) => row.slug === "acme")!.id;
    const ada = await signInCookie(a.url, "ada@acme.test");
    const grace = await signInCookie(a.url, "grace@acme.test");
    const hank = await signInCookie(b.url, "hank@globex.test");
    const get = async (server: Server, path: string, cookie: string) => {
      const res = await fetch(server.url + path, { headers: { cookie } });
      return {
        status: res.status,
        cacheStatus: res.headers.get("cache-status"),
        body: await res.text(),
      };
    };

    await t.step("/healthz, /metrics and the cache monitor speak of the cluster", async () => {
      const health = await redisHealth(a);
      assert.equal(health.status, "ok");
      assert.equal(health.redis.kind, "redis-cluster");
      assert.equal(health.redis.nodes?.length, 3, "one probe per master");
      assert.ok(health.redis.nodes?.every((n) => n.ok && n.breaker === "closed"));
      const monitor = await fetch(`${a.url}/admin/cache/series`, { headers: { cookie: ada } });
      assert.equal((await monitor.json()).l2, "redis-cluster");
      const metrics = await (await fetch(`${a.url}/metrics`)).text();
      const closed = metrics.match(/^beacon_cache_breaker_node_state\{.*state="closed"\} 1$/gm);
      assert.equal(closed?.length, 3, "one closed breaker per master");
    });

    await t.step("a write on A is served by B from the cluster, without a load on B", async () => {
      const path = `/api/projects/${acme.project}`;
      assert.equal((await get(b, path, ada)).status, 200);
      const before = await cacheCounts(b.url);
      const write = await postForm(a.url, `/projects/${acme.project}/tasks/${acme.task}`, grace, {
        status: "done",
      });
      assert.equal(write.status, 303);
      let seen: Awaited<ReturnType<typeof get>> | undefined;
      await until("B serves the new status", async () => {
        seen = await get(b, path, ada);
        const task = (JSON.parse(seen.body).phases as { tasks: { id: string; status: string }[] }[])
          .flatMap((phase) => phase.tasks).find((task) => task.id === acme.task);
        return task?.status === "done";
      }, 5_000);
      assert.equal(seen?.cacheStatus, "Beacon; hit", "B's answer came from the cache");
      const after = await cacheCounts(b.url);
      assert.ok(after.l2 > before.l2, "B took A's refill from Redis");
      assert.equal(after.misses - before.misses, 0, "B loaded nothing from the database");
    });

    await t.step("a tenant's keys share one slot", async () => {
      await get(b, `/api/projects/${globex.project}`, hank);
      const keys: string[] = [];
      for (const master of await cluster.masters()) {
        await cluster.withNode(master, async (client) => {
          for await (const batch of client.scanIterator({ MATCH: "beacon:*", COUNT: 1000 })) {
            keys.push(...batch);
          }
        });
      }
      const byTenant = new Map<string, Set<number>>();
      await cluster.withNode(cluster.nodes[0], async (client) => {
        for (const key of keys) {
          const tag = /\{t:([^}]*)\}/.exec(key)?.[1];
          assert.ok(tag, `${key} carries a tenant hash tag`);
          const slots = byTenant.get(tag) ?? new Set<number>();
          slots.add(await client.clusterKeySlot(key));
          byTenant.set(tag, slots);
        }
      });
      const globexTenant = tenants.find((row) => row.slug === "globex")!.id;
      for (const tenant of [acmeTenant, globexTenant]) {
        assert.equal(byTenant.get(tenant)?.size, 1, `the keys of ${tenant} are in one slot`);
      }
      for (const [tenant, slots] of byTenant) assert.equal(slots.size, 1, `tenant ${tenant}`);
    });

    await t.step("a master killed under load: no 5xx, and the hit ratio recovers", async () => {
      const slot = await cluster.withNode(
        cluster.nodes[0],
        (client) => client.clusterKeySlot(`{t:${acmeTenant}}`),
      );
      const victim = await cluster.masterOf(slot);
      const load = new ClusterLoad({
        readers: [a, b].map((server) => ({ url: server.url, cookie: ada })),
        path: `/api/projects/${acme.project}`,
        write: (status) =>
          postForm(a.url, `/projects/${acme.project}/tasks/${acme.task}`, grace, { status }),
        writeEveryMs: 250,
      });
      const counts = () => Promise.all(servers.map((server) => cacheCounts(server.url)));
      load.start();
      try {
        await sleep(1000);
        const c0 = await counts();
        const w0 = load.writes;
        await sleep(3000);
        const c1 = await counts();
        const w1 = load.writes;

        await victim.stop();
        const killedAt = Date.now();
        await until("a replica is promoted", async () => {
          return (await cluster.masterOf(slot)).port !== victim.port;
        });
        const promotedMs = Date.now() - killedAt;
        await until("both instances reach every master again", async () => {
          const health = await Promise.all(servers.map(redisHealth));
          return health.every((h) => h.redis.ok === true);
        });
        const recoveredMs = Date.now() - killedAt;
        await sleep(1000);
        const c2 = await counts();
        const w2 = load.writes;
        await sleep(3000);
        const c3 = await counts();
        const w3 = load.writes;
        await load.stop();

        const before = countsBetween(c0, c1);
        const outage = countsBetween(c1, c2);
        const after = countsBetween(c2, c3);
        // Database loads per write, both instances: with Redis, one per resource a write changes
        // (the lease lets one instance load, the other takes its value); without, each loads.
        const perWrite = (c: CacheCounts, writes: number) => c.loads / Math.max(1, writes);
        const line = (name: string, c: CacheCounts, writes: number) =>
          `${name}: hit ratio ${(hitRatio(c)! * 100).toFixed(2)} %, L2 hits ${c.l2}, ` +
          `misses ${c.misses}, database loads ${c.loads} for ${writes} writes`;
        console.log(
          [
            `master ${victim.address} killed; replica promoted after ${promotedMs} ms, ` +
            `both instances healthy after ${recoveredMs} ms`,
            line("before", before, w1 - w0),
            line("outage", outage, w2 - w1),
            line("after ", after, w3 - w2),
            `requests: ${load.requests}, 5xx: ${load.serverErrors}, no answer: ${load.failures}`,
          ].join("\n"),
        );
        assert.equal(load.serverErrors, 0, "no 5xx while a master died");
        assert.equal(load.failures, 0, "every request was answered");
        assert.ok(
          perWrite(outage, w2 - w1) >= perWrite(before, w1 - w0) + 0.5,
          "while the master was gone, each instance loaded the writes from the database",
        );
        assert.ok(after.l2 > 0, "after the promotion, values come from Redis again");
        assert.ok(
          perWrite(after, w3 - w2) <= perWrite(before, w1 - w0) + 0.5,
          "after the promotion, one load per changed value for the cluster again",
        );
        assert.ok(hitRatio(after)! >= hitRatio(before)! - 0.005, "the hit ratio recovered");
      } finally {
        await load.stop();
      }
    });
  } finally {
    for (const server of servers) await server.close();
    await db?.drop();
    await cluster.stop();
  }
});
