import assert from "node:assert/strict";
import { CacheCounters } from "./counters.ts";

Deno.test("CacheCounters keeps a cumulative load-duration histogram", () => {
  const counters = new CacheCounters();
  for (const ms of [0.5, 3, 3, 40, 20_000]) counters.recordLoad(ms);
  const { loadDuration, loads } = counters.snapshot();
  assert.equal(loads, 5);
  assert.equal(loadDuration.count, 5);
  assert.equal(loadDuration.buckets[0], 1); // ≤ 1 ms
  assert.equal(loadDuration.buckets[2], 3); // ≤ 5 ms
  assert.equal(loadDuration.buckets[5], 4); // ≤ 50 ms
  assert.equal(loadDuration.buckets.at(-1), 5); // +Inf
  assert.equal(loadDuration.le.at(-1), Infinity);
});

Deno.test('CacheCounters bounds per-tenant cardinality with an "other" slot', () => {
  const counters = new CacheCounters({ maxTenants: 2 });
  counters.tenant("acme").hits++;
  counters.tenant("globex").misses++;
  counters.tenant("initech").hits++;
  counters.tenant("umbrella").hits++;
  assert.deepEqual(counters.snapshot().tenants, {
    acme: { hits: 1, misses: 0 },
    globex: { hits: 0, misses: 1 },
    other: { hits: 2, misses: 0 },
  });
});

Deno.test("CacheCounters records breaker changes, bus lag and replays", () => {
  const counters = new CacheCounters();
  counters.recordBreaker("open");
  counters.recordBreaker("open");
  counters.recordBreaker("half-open");
  counters.recordBusLag(12);
  counters.recordBusLag(4);
  counters.recordReplays(3);
  const snap = counters.snapshot();
  assert.deepEqual(snap.breaker, { state: "half-open", changes: 2, opened: 1 });
  assert.deepEqual(snap.busLag, { lastMs: 4, maxMs: 12, events: 2 });
  assert.equal(snap.replays, 3);
});

Deno.test("CacheCounters snapshots are copies", () => {
  const counters = new CacheCounters();
  const snap = counters.snapshot();
  counters.l1Hits++;
  assert.equal(snap.hits.l1, 0);
});
