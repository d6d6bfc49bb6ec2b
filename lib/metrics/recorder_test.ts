import assert from "node:assert/strict";
import { HttpMetrics } from "./http_metrics.ts";
import { MetricsRecorder, type Reading } from "./recorder.ts";

Deno.test("MetricsRecorder.sample() turns cumulative readings into per-interval rates", () => {
  const http = new HttpMetrics();
  let at = 0;
  let hits = 0;
  let misses = 0;
  let tenants: Reading["tenants"] = { acme: { hits: 5, misses: 5 }, quiet: { hits: 1, misses: 0 } };
  const read = (): Reading => ({
    at,
    http: http.cohortTotals(),
    hits,
    misses,
    breaker: "open",
    wsClients: 3,
    tenants,
  });
  const recorder = new MetricsRecorder(read, { capacity: 2 });
  assert.equal(recorder.sample(), undefined, "the first call is the baseline");
  at = 2000;
  hits = 3;
  misses = 1;
  tenants = {
    acme: { hits: 8, misses: 6 },
    quiet: { hits: 1, misses: 0 },
    new: { hits: 0, misses: 2 },
  };
  for (let i = 0; i < 4; i++) http.record("GET", "/", 200, "on", 0.004);
  const sample = recorder.sample()!;
  assert.equal(sample.rps, 2);
  assert.equal(sample.rpsOn, 2);
  assert.equal(sample.rpsOff, 0);
  assert.equal(sample.hitRatio, 0.75);
  assert.ok(sample.p99Ms! > 2.5 && sample.p99Ms! <= 5, `p99 ${sample.p99Ms}`);
  assert.equal(sample.p99OffMs, null);
  assert.equal(sample.breaker, 2);
  assert.equal(sample.wsClients, 3);
  assert.deepEqual(sample.tenants, {
    acme: { lookupsPerSecond: 2, hitRatio: 0.75 },
    new: { lookupsPerSecond: 1, hitRatio: 0 },
  }, "each active tenant's own rate and ratio; a quiet one is left out");
});

Deno.test("MetricsRecorder keeps the newest samples, oldest first", () => {
  let at = 0;
  const http = new HttpMetrics();
  const recorder = new MetricsRecorder(() => ({
    at: at += 1000,
    http: http.cohortTotals(),
    hits: 0,
    misses: 0,
    breaker: "closed",
    wsClients: null,
    tenants: {},
  }), { capacity: 3 });
  for (let i = 0; i < 6; i++) recorder.sample();
  assert.deepEqual(recorder.samples().map((s) => s.at), [4000, 5000, 6000]);
  assert.equal(recorder.samples()[0].hitRatio, null);
});
