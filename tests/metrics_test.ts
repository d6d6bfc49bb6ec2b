/**
 * Monitoring as an operator meets it: `/metrics` (who may read it, valid Prometheus text that
 * `promtool check metrics` accepts, counters that move with traffic), `/healthz` (ok, degraded,
 * down) and the cache monitor `/admin/cache` (owners and admins only, one tenant's row).
 */
import assert from "node:assert/strict";
import { OwnRedis } from "../lib/cache/_test_support.ts";
import { createApp } from "../lib/server/app.tsx";
import type { Database } from "../lib/db/connection.ts";
import { cacheKey } from "../lib/cache/mod.ts";
import { createTestApp, send, type TestApp } from "./_app.ts";

const TOKEN = "metrics-token-for-tests";
const LOOPBACK = { remoteAddr: { transport: "tcp", hostname: "127.0.0.1", port: 40000 } };
const REMOTE = { remoteAddr: { transport: "tcp", hostname: "203.0.113.9", port: 40000 } };

/** GET /metrics as the test says: with env (a socket address) and headers. */
async function scrape(
  t: TestApp,
  options: { env?: unknown; token?: string } = {},
): Promise<{ status: number; type: string | null; body: string }> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const res = await t.app.request("http://localhost/metrics", { headers }, options.env);
  return { status: res.status, type: res.headers.get("content-type"), body: await res.text() };
}

/** GET /healthz as an operator on loopback sees it: every detail. */
// deno-lint-ignore no-explicit-any -- the report as JSON
async function health(t: TestApp, app = t.app): Promise<{ status: number; body: any }> {
  const res = await app.request("http://localhost/healthz", {}, LOOPBACK);
  return { status: res.status, body: await res.json() };
}

/** The value of one sample line, by its exact name and labels; undefined when absent. */
function sample(text: string, series: string): number | undefined {
  for (const line of text.split("\n")) {
    if (line.startsWith(series + " ")) return Number(line.slice(series.length + 1));
  }
  return undefined;
}

/** The sum over every sample of a family whose labels include `match`. */
function sum(text: string, name: string, match = ""): number {
  let total = 0;
  for (const line of text.split("\n")) {
    if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) continue;
    const space = line.lastIndexOf(" ");
    if (line.slice(0, space).includes(match)) total += Number(line.slice(space + 1));
  }
  return total;
}

/** Runs `promtool check metrics` on an exposition; returns its exit code and output. */
async function promtool(text: string): Promise<{ code: number; output: string }> {
  const child = new Deno.Command("promtool", {
    args: ["check", "metrics"],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(text));
  await writer.close();
  const { code, stdout, stderr } = await child.output();
  const decoder = new TextDecoder();
  return { code, output: decoder.decode(stdout) + decoder.decode(stderr) };
}

Deno.test("GET /metrics", async (s) => {
  const t = await createTestApp({ seed: true, env: { METRICS_TOKEN: TOKEN } });
  try {
    await s.step("answers 401 to a remote or in-process caller without the token", async () => {
      assert.equal((await scrape(t)).status, 401);
      assert.equal((await scrape(t, { env: REMOTE })).status, 401);
      assert.equal((await scrape(t, { env: REMOTE, token: "wrong-token-value" })).status, 401);
    });

    await s.step("serves loopback and the bearer token", async () => {
      const local = await scrape(t, { env: LOOPBACK });
      assert.equal(local.status, 200);
      assert.match(local.type ?? "", /^text\/plain; version=0\.0\.4/);
      assert.equal((await scrape(t, { env: REMOTE, token: TOKEN })).status, 200);
    });

    const ada = await t.login("ada@acme.test");
    const projectId = await t.projectId("acme");
    const before = (await scrape(t, { token: TOKEN })).body;

    await s.step("counts requests by route pattern, a 304, and cache hits", async () => {
      const first = await send(t, `/projects/${projectId}`, ada);
      assert.equal(first.status, 200);
      const etag = first.headers.get("etag");
      assert.ok(etag);
      const again = await send(t, `/projects/${projectId}`, ada, { "if-none-match": etag });
      assert.equal(again.status, 304);
      assert.equal((await send(t, "/", ada)).status, 200);
      assert.equal((await send(t, "/", ada)).status, 200);
      assert.equal((await send(t, "/no/such/page", ada)).status, 404);

      const after = (await scrape(t, { token: TOKEN })).body;
      const route = 'route="/projects/:id"';
      assert.equal(
        sum(after, "beacon_http_requests_total", `${route},status="304"`) -
          sum(before, "beacon_http_requests_total", `${route},status="304"`),
        1,
        "one 304 counted for the route",
      );
      assert.equal(
        sample(after, "beacon_http_not_modified_total")! -
          sample(before, "beacon_http_not_modified_total")!,
        1,
      );
      assert.ok(sum(after, "beacon_http_requests_total", 'route="/",status="200"') >= 2);
      assert.ok(sum(after, "beacon_http_requests_total", 'route="/*",status="404"') >= 1);
      assert.ok(
        sum(after, "beacon_cache_hits_total") > sum(before, "beacon_cache_hits_total"),
        "cache hits counted",
      );
      assert.ok(sum(after, "beacon_cache_tenant_hits_total") > 0, "per-tenant hits");
      assert.ok(
        sum(after, "beacon_http_request_duration_seconds_count", route) >= 2,
        "latency observed",
      );
      // The signed-in requests carry the user's cache-flag cohort, never "none".
      assert.ok(
        sum(after, "beacon_http_requests_total", `${route},status="200",cohort="on"`) +
            sum(after, "beacon_http_requests_total", `${route},status="200",cohort="off"`) >= 1,
      );
      assert.doesNotMatch(after, /route="[^"]*[0-9a-f]{8}-[0-9a-f]{4}-/, "no ids in route labels");
      assert.doesNotMatch(after, /no\/such\/page/, "raw paths never become labels");
    });

    await s.step("reports the bus lag from events and the WebSocket hub", async () => {
      await t.db.query("UPDATE projects SET name = name || ' ' WHERE id = $1", [projectId]);
      await t.assembly.deps.bus.catchUp();
      const text = (await scrape(t, { token: TOKEN })).body;
      assert.ok(sample(text, "beacon_bus_lag_seconds_count")! >= 1, "bus lag observed");
      assert.ok(sample(text, 'beacon_bus_lag_seconds_bucket{le="+Inf"}')! >= 1);
      assert.equal(sample(text, "beacon_ws_clients"), 0);
      assert.equal(sample(text, 'beacon_cache_breaker_state{state="closed"}'), 1);
      assert.equal(sample(text, 'beacon_cache_breaker_state{state="open"}'), 0);
    });

    await s.step("is valid exposition text: promtool check metrics", async () => {
      const { body } = await scrape(t, { token: TOKEN });
      const { code, output } = await promtool(body);
      assert.equal(code, 0, `promtool check metrics failed:\n${output}`);
      assert.match(body, /# TYPE beacon_cache_load_duration_seconds histogram/);
      assert.match(body, /beacon_cache_load_duration_seconds_bucket\{le="\+Inf"\} \d+/);
    });
  } finally {
    await t.drop();
  }
});

Deno.test("GET /healthz", async (s) => {
  const t = await createTestApp({ seed: true });
  try {
    await s.step("tells anyone the status, and nothing else", async () => {
      const res = await send(t, "/healthz", null);
      assert.equal(res.status, 200);
      assert.deepEqual(JSON.parse(res.body), { status: "ok" });
      const remote = await t.app.request("http://localhost/healthz", {}, REMOTE);
      assert.deepEqual(await remote.json(), { status: "ok" }, "no write counter for others");
    });

    await s.step("tells loopback and the token the real state of each part", async () => {
      const { status, body } = await health(t);
      assert.equal(status, 200);
      assert.equal(body.status, "ok");
      assert.equal(body.database.ok, true);
      assert.equal(body.database.state, "up");
      assert.equal(typeof body.database.latencyMs, "number");
      assert.equal(typeof body.database.pool.size, "number");
      assert.deepEqual(body.redis, { ok: true, breaker: "closed", kind: "redis" });
      assert.equal(body.bus.listener, "connected", "the LISTEN connection's own state");
      assert.equal(typeof body.bus.lastSeq, "number");
      assert.equal(typeof body.bus.lagMs, "number");
      assert.doesNotMatch(JSON.stringify(body), /redis:\/\/|postgres:\/\/|password|secret/i);
    });

    await s.step("is 503 down when the database does not answer", async () => {
      const down: Database = Object.create(t.db, {
        query: { value: () => Promise.reject(new Error("connection refused")) },
        health: { value: () => t.db.health() },
      });
      const app = createApp({ ...t.assembly.deps, db: down });
      const { status, body } = await health(t, app);
      assert.equal(status, 503);
      assert.equal(body.status, "down");
      assert.equal(body.database.ok, false);
      const anyone = await app.request("http://localhost/healthz");
      assert.equal(anyone.status, 503);
      assert.deepEqual(await anyone.json(), { status: "down" });
    });
  } finally {
    await t.drop();
  }
});

Deno.test("GET /healthz is 200 degraded with Redis unreachable", async () => {
  const t = await createTestApp({ seed: true, env: { REDIS_URL: "redis://127.0.0.1:1" } });
  try {
    const cache = t.assembly.cache!;
    // Lookups of keys no tier holds go to Redis, fail, and open the breaker.
    for (let i = 0; i < 20 && cache.breakerState === "closed"; i++) {
      const key = cacheKey({
        namespace: t.namespace,
        schema: 1,
        tenant: "t",
        kind: "k",
        id: `${i}`,
      });
      await cache.getOrLoad(key, () => Promise.resolve(i));
    }
    assert.notEqual(cache.breakerState, "closed", "the breaker opened");
    const { status, body } = await health(t);
    assert.equal(status, 200);
    assert.equal(body.status, "degraded");
    assert.equal(body.redis.ok, false);
    assert.equal(body.database.ok, true);
  } finally {
    // The database is dropped first; only the Redis key clean-up fails, there being no Redis.
    await t.drop().catch((error) => assert.match(String(error), /ECONNREFUSED/));
  }
});

Deno.test("GET /admin/cache", async (s) => {
  const t = await createTestApp({ seed: true });
  try {
    const ada = await t.login("ada@acme.test");
    const projectId = await t.projectId("acme");
    const recorder = t.assembly.deps.metrics.recorder;
    recorder.sample();
    await send(t, `/projects/${projectId}`, ada);
    await send(t, `/projects/${projectId}`, ada);
    recorder.sample();

    await s.step("shows an owner their tenant's charts with data, server-rendered", async () => {
      const res = await send(t, "/admin/cache", ada);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("cache-control"), "private, no-cache");
      assert.match(res.body, /data-scope="tenant"/);
      for (const chart of ["hit-ratio", "lookups", "breaker"]) {
        assert.match(res.body, new RegExp(`data-chart="${chart}"`), chart);
      }
      assert.match(res.body, /<path class="chart-line" d="M[\d.]+ [\d.]+/);
      assert.match(res.body, /data-tenant="Acme/);
      assert.match(res.body, /Acme only/);
    });

    await s.step("keeps the instance's totals for operators: loopback or the token", async () => {
      const page = await t.app.request("http://localhost/admin/cache", {
        headers: { cookie: ada },
      }, LOOPBACK);
      const body = await page.text();
      assert.match(body, /data-scope="instance"/);
      for (const chart of ["hit-ratio", "requests", "latency", "breaker", "ws-clients"]) {
        assert.match(body, new RegExp(`data-chart="${chart}"`), chart);
      }
      assert.match(body, /data-table="cohorts"/);
      const owner = JSON.parse((await send(t, "/admin/cache/series", ada)).body);
      assert.equal(owner.scope, "tenant");
      assert.deepEqual(owner.cohorts, [], "no totals over every tenant");
      assert.equal(owner.wsClients, null);
      assert.ok(owner.samples.every((x: { p99Ms: unknown }) => x.p99Ms === null));
      const lookups = owner.tenant.hits + owner.tenant.misses;
      assert.ok(lookups > 0);
      assert.equal(owner.hits.l1 + owner.hits.l2 + owner.misses, lookups, "its own figures");
    });

    await s.step("answers members and viewers 403, visitors a sign-in", async () => {
      for (const email of ["grace@acme.test", "linus@acme.test"]) {
        const cookie = await t.login(email);
        assert.equal((await send(t, "/admin/cache", cookie)).status, 403, email);
        const json = await send(t, "/admin/cache/series", cookie, { accept: "application/json" });
        assert.equal(json.status, 403, email);
      }
      assert.equal((await send(t, "/admin/cache", null)).status, 303);
    });

    await s.step("shows another tenant's owner only their own row", async () => {
      const hank = await t.login("hank@globex.test");
      const res = await send(t, "/admin/cache/series", hank, { accept: "application/json" });
      assert.equal(res.status, 200);
      const data = JSON.parse(res.body);
      assert.match(data.tenant.name, /Globex/);
      assert.doesNotMatch(res.body, /Acme/);
      assert.ok(data.samples.length >= 1);
      const page = await send(t, "/admin/cache", hank);
      assert.doesNotMatch(page.body, /data-tenant="Acme/);
    });
  } finally {
    await t.drop();
  }
});

Deno.test("GET /healthz asks Redis itself: a hung Redis is degraded before the breaker opens", async () => {
  const redis = new OwnRedis();
  await redis.start();
  const t = await createTestApp({ seed: true, env: { REDIS_URL: redis.url } });
  try {
    // The app's Redis connection may still be opening: healthy within a moment.
    let ok = (await health(t)).body;
    for (let i = 0; i < 20 && ok.status !== "ok"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      ok = (await health(t)).body;
    }
    assert.equal(ok.status, "ok");
    assert.equal(ok.redis.ok, true);
    redis.signal("SIGSTOP");
    const started = performance.now();
    const { status, body } = await health(t);
    assert.ok(performance.now() - started < 1000, "answered within the call deadline");
    assert.equal(status, 200);
    assert.equal(body.status, "degraded");
    assert.equal(body.redis.ok, false);
    assert.equal(body.redis.breaker, "closed", "one failure does not open it");
  } finally {
    redis.signal("SIGCONT");
    await t.drop();
    await redis.stop();
  }
});
