/**
 * Fault tests against a redis-server each test starts itself: killed, paused (SIGSTOP) and
 * restarted. Margins are generous: these must hold on a loaded 2-core machine.
 */
import assert from "node:assert/strict";
import { Cache, type CacheResult } from "./cache.ts";
import { cacheKey } from "./keys.ts";
import { RedisStore } from "./redis_store.ts";
import { OwnRedis, sleep } from "./_test_support.ts";

const DEADLINE_MS = 50;
const LOAD_MS = 10;
// Timers on a busy machine fire late; the margin covers scheduling, not extra Redis waits.
const BUDGET_MS = DEADLINE_MS + LOAD_MS + 400;

function openCache(url: string): Cache {
  return new Cache({
    l2: new RedisStore({ url, maxReconnectDelayMs: 200 }),
    closeL2: true,
    l1MaxBytes: 0, // every call goes to L2, so every call meets the fault
    l2DeadlineMs: DEADLINE_MS,
    breaker: { failureThreshold: 3, cooldownMs: 300 },
    lease: { ttlMs: 1_000 },
  });
}

async function load(i: number): Promise<{ i: number }> {
  await sleep(LOAD_MS);
  return { i };
}

/** Calls getOrLoad `count` times (spread over keys), asserting no error and the time budget. */
async function drive(cache: Cache, round: string, count: number): Promise<CacheResult<unknown>[]> {
  const results: CacheResult<unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const key = cacheKey({
      namespace: "fault",
      schema: 1,
      tenant: "acme",
      kind: "k",
      id: `${i % 10}`,
    });
    const started = performance.now();
    const result = await cache.getOrLoad(key, () => load(i));
    const took = performance.now() - started;
    assert.ok(took <= BUDGET_MS, `${round}: call ${i} took ${took.toFixed(0)} ms`);
    results.push(result);
    await sleep(5);
  }
  return results;
}

/** Drives both caches until the second serves an L2 hit the first wrote, within `withinMs`. */
async function awaitRecovery(writer: Cache, reader: Cache, withinMs: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; performance.now() - started < withinMs; i++) {
    const key = cacheKey({ namespace: "fault", schema: 1, tenant: "acme", kind: "r", id: `${i}` });
    await writer.getOrLoad(key, () => load(i));
    const result = await reader.getOrLoad(key, () => load(-1));
    if (
      result.tier === "l2" && writer.breakerState === "closed" && reader.breakerState === "closed"
    ) {
      return performance.now() - started;
    }
    await sleep(50);
  }
  throw new Error(`L2 hits did not resume within ${withinMs} ms`);
}

Deno.test("Redis killed mid-run: no error reaches the caller, and a new server is used within 5 s", async () => {
  const server = new OwnRedis();
  await server.start();
  const writer = openCache(server.url);
  const reader = openCache(server.url);
  try {
    await drive(writer, "up", 20);
    assert.ok(writer.counters.l2Hits > 0);
    server.signal("SIGKILL");
    await drive(writer, "killed", 60);
    await drive(reader, "killed", 20);
    assert.equal(writer.breakerState, "open");
    const skippedBefore = writer.counters.l2Skipped;
    assert.ok(skippedBefore > 0);
    await server.stop();
    await server.start(); // same port
    const took = await awaitRecovery(writer, reader, 5_000);
    assert.ok(took < 5_000);
    assert.ok(writer.counters.snapshot().breaker.changes >= 3); // open, half-open, closed
  } finally {
    await writer.close();
    await reader.close();
    await server.stop();
  }
});

Deno.test("Redis paused with SIGSTOP: calls stay within deadline, and L2 resumes after SIGCONT", async () => {
  const server = new OwnRedis();
  await server.start();
  const writer = openCache(server.url);
  const reader = openCache(server.url);
  try {
    await drive(writer, "up", 20);
    server.signal("SIGSTOP");
    await drive(writer, "paused", 60);
    await drive(reader, "paused", 20);
    assert.equal(writer.breakerState, "open");
    assert.ok(writer.counters.l2Timeouts > 0);
    server.signal("SIGCONT");
    const took = await awaitRecovery(writer, reader, 5_000);
    assert.ok(took < 5_000);
  } finally {
    await writer.close();
    await reader.close();
    await server.stop();
  }
});

Deno.test("a breaker opened by a hung Redis makes zero Redis calls until its cooldown", async () => {
  const server = new OwnRedis();
  await server.start();
  const cache = new Cache({
    l2: new RedisStore({ url: server.url }),
    closeL2: true,
    l2DeadlineMs: DEADLINE_MS,
    breaker: { failureThreshold: 2, cooldownMs: 60_000 },
  });
  try {
    await drive(cache, "up", 3);
    server.signal("SIGSTOP");
    await drive(cache, "paused", 12);
    assert.equal(cache.breakerState, "open");
    const calls = cache.counters.l2Calls;
    await drive(cache, "open", 30);
    assert.equal(cache.counters.l2Calls, calls);
  } finally {
    await cache.close();
    await server.stop();
  }
});
