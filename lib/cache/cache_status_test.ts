import assert from "node:assert/strict";
import { cacheStatus } from "./cache_status.ts";

Deno.test("cacheStatus() describes hits, misses and stale values per RFC 9211", () => {
  const now = 100_000;
  assert.equal(
    cacheStatus({ status: "hit", tier: "l1", freshUntil: now + 12_500, collapsed: false }, { now }),
    "Beacon; hit; ttl=12; detail=l1",
  );
  assert.equal(
    cacheStatus({ status: "miss", tier: "load", freshUntil: 0, collapsed: false }),
    "Beacon; fwd=miss; stored",
  );
  assert.equal(
    cacheStatus({ status: "stale", tier: "l2", freshUntil: now - 3_000, collapsed: false }, {
      now,
      name: "app",
    }),
    "app; hit; ttl=-3; detail=stale-l2",
  );
});
