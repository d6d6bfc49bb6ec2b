import assert from "node:assert/strict";
import { CACHE_NAME, formatCacheStatus } from "./cache_status.ts";

Deno.test("formatCacheStatus() writes a hit with its tier as a token detail", () => {
  assert.equal(formatCacheStatus({ hit: true }), "Beacon; hit");
  assert.equal(formatCacheStatus({ hit: true, detail: "l2" }), "Beacon; hit; detail=l2");
  assert.equal(
    formatCacheStatus({ hit: true, ttl: 30, detail: "l1" }),
    "Beacon; hit; ttl=30; detail=l1",
  );
});

Deno.test("formatCacheStatus() writes a forwarded miss with stored and collapsed flags", () => {
  assert.equal(formatCacheStatus({ fwd: "miss" }), "Beacon; fwd=miss");
  assert.equal(
    formatCacheStatus({ fwd: "uri-miss", fwdStatus: 200, stored: true, collapsed: true }),
    "Beacon; fwd=uri-miss; fwd-status=200; stored; collapsed",
  );
  assert.equal(
    formatCacheStatus({ fwd: "stale", fwdStatus: 304 }),
    "Beacon; fwd=stale; fwd-status=304",
  );
});

Deno.test("formatCacheStatus() marks a value served stale as a hit with a negative ttl", () => {
  assert.equal(
    formatCacheStatus({ hit: true, ttl: -3, detail: "stale" }),
    "Beacon; hit; ttl=-3; detail=stale",
  );
});

Deno.test("formatCacheStatus() leaves false flags out", () => {
  assert.equal(
    formatCacheStatus({ hit: false, fwd: "bypass", stored: false, collapsed: false }),
    "Beacon; fwd=bypass",
  );
});

Deno.test("formatCacheStatus() quotes keys always and details and names only when not tokens", () => {
  assert.equal(
    formatCacheStatus({ cache: "CDN Co", fwd: "miss", key: 'p:1:"x"\\y', detail: "db down" }),
    '"CDN Co"; fwd=miss; key="p:1:\\"x\\"\\\\y"; detail="db down"',
  );
  assert.equal(formatCacheStatus({ cache: "edge/1", hit: true, key: "k" }), 'edge/1; hit; key="k"');
});

Deno.test("formatCacheStatus() lists several caches, nearest the origin first", () => {
  assert.equal(
    formatCacheStatus([{ hit: true, detail: "l1" }, { cache: "Edge", fwd: "miss", stored: true }]),
    "Beacon; hit; detail=l1, Edge; fwd=miss; stored",
  );
  assert.equal(CACHE_NAME, "Beacon");
});

Deno.test("formatCacheStatus() refuses what RFC 9211 cannot express", () => {
  assert.throws(() => formatCacheStatus({ hit: true, fwd: "miss" }), /both a hit and forwarded/);
  // deno-lint-ignore no-explicit-any
  assert.throws(() => formatCacheStatus({ fwd: "nope" as any }), /not an RFC 9211 reason/);
  assert.throws(() => formatCacheStatus({ hit: true, ttl: 1.5 }), /ttl=1.5.*not an integer/);
  assert.throws(() => formatCacheStatus({ fwd: "miss", fwdStatus: NaN }), RangeError);
  assert.throws(() => formatCacheStatus({ hit: true, detail: "é" }), /not printable ASCII/);
  assert.throws(() => formatCacheStatus({ hit: true, key: "a\nb" }), RangeError);
});
