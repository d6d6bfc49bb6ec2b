/**
 * Run by `tracing_test.ts` in a child process with `OTEL_DENO=true`: one miss and one hit
 * through a traced cache, whose spans Deno exports to the test's collector.
 *
 * @module
 */
import { Cache, cacheKey, MemoryStore } from "../cache/mod.ts";
import { cacheTracer, traceCache } from "./tracing.ts";

const tracer = cacheTracer();
if (!tracer) throw new Error("OpenTelemetry is off: set OTEL_DENO=true");
const cache = traceCache(new Cache({ l2: new MemoryStore(), closeL2: true }), tracer);
const key = cacheKey({ namespace: "probe", schema: 1, tenant: "t", kind: "k", id: "1" });
await cache.getOrLoad(key, () => Promise.resolve(1));
await cache.getOrLoad(key, () => Promise.resolve(1));
await cache.close();
