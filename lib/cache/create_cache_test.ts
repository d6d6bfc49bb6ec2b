import assert from "node:assert/strict";
import { createCache } from "./create_cache.ts";

Deno.test("createCache() picks memory, one Redis, or Redis Cluster from REDIS_URL", async () => {
  const cases = [
    [undefined, "memory"],
    ["redis://127.0.0.1:1", "redis"],
    ["redis://127.0.0.1:1,redis://127.0.0.1:2", "redis-cluster"],
  ] as const;
  for (const [redisUrl, kind] of cases) {
    const { cache, l2Kind } = createCache({ redisUrl, onRedisError: () => {} });
    assert.equal(l2Kind, kind);
    await cache.close();
  }
});

Deno.test("createCache() refuses a REDIS_URL that is not a list of redis:// URLs", () => {
  assert.throws(
    () => createCache({ redisUrl: "redis://127.0.0.1:1,http://127.0.0.1:2" }),
    /^TypeError: Cannot use REDIS_URL "http:\/\/127.0.0.1:2": expected redis:\/\//,
  );
});

Deno.test("createCache() refuses a cluster key prefix that would break hash tags", () => {
  assert.throws(
    () => createCache({ redisUrl: "redis://a:1,redis://b:2", redisPrefix: "{beacon}:" }),
    RangeError,
  );
});
