import assert from "node:assert/strict";
import { HttpMetrics } from "./http_metrics.ts";

Deno.test("HttpMetrics.record() keeps one series per method, route and status", () => {
  const http = new HttpMetrics();
  http.record("GET", "/projects/:id", 304, "on", 0.0002);
  http.record("GET", "/projects/:id", 304, "off", 0.0003);
  http.record("GET", "/projects/:id", 200, "on", 0.02);
  http.record("BREW", "/*", 404, "none", 0.001);
  const series = http.series().get("GET")!.get("/projects/:id")!;
  assert.deepEqual(Array.from(series.statuses.get(304)!), [1, 1, 0]);
  assert.equal(series.latency[0].count, 2);
  assert.ok(http.series().get("OTHER")?.get("/*"), "unknown methods are OTHER");
  assert.equal(http.requests, 4);
  assert.equal(http.notModified, 2);
});

Deno.test("HttpMetrics.cohortTotals() sums routes per cohort", () => {
  const http = new HttpMetrics();
  http.record("GET", "/", 304, "on", 0.001);
  http.record("GET", "/a", 500, "on", 0.001);
  http.record("GET", "/a", 200, "off", 0.001);
  const totals = http.cohortTotals();
  assert.equal(totals.on.requests, 2);
  assert.equal(totals.on.notModified, 1);
  assert.equal(totals.on.serverErrors, 1);
  assert.equal(totals.off.requests, 1);
  assert.equal(totals.none.requests, 0);
  assert.equal(totals.on.latency.reduce((a, b) => a + b, 0), 2);
});
