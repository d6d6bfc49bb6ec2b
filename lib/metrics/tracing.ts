/**
 * OpenTelemetry spans for cache lookups and loads, through Deno's built-in OpenTelemetry
 * (`OTEL_DENO=true`). Deno registers its tracer provider as `Deno.telemetry.tracerProvider`,
 * so no npm package is needed; without `OTEL_DENO` nothing is wrapped and nothing is paid.
 *
 * Spans: `cache.lookup` (attributes `cache.tier` = l1|l2|load, `cache.result` =
 * hit|miss|stale|error) around every `Cache.getOrLoad`, and a child `cache.load` (attribute
 * `cache.result` = ok|error) around the loader when it runs. Synchronous L1 reads
 * (`Cache.getL1`, the 304 path) are not traced.
 *
 * @module
 */
import type { Cache } from "../cache/mod.ts";

/** The part of an OpenTelemetry span this module uses. */
export interface SpanLike {
  setAttribute(key: string, value: string): unknown;
  end(): void;
}

/** The part of an OpenTelemetry tracer this module uses. */
export interface TracerLike {
  startActiveSpan<T>(name: string, fn: (span: SpanLike) => T): T;
}

/**
 * Whether Deno's OpenTelemetry is on (`OTEL_DENO=true`); false without env permission.
 *
 * @example
 * ```ts
 * import { otelEnabled } from "./tracing.ts";
 * console.log(typeof otelEnabled()); // "boolean"
 * ```
 */
export function otelEnabled(): boolean {
  try {
    return ["true", "1"].includes(Deno.env.get("OTEL_DENO") ?? "");
  } catch {
    return false;
  }
}

/**
 * Deno's tracer for the cache, or null when OpenTelemetry is off.
 *
 * @example
 * ```ts ignore
 * const tracer = cacheTracer();
 * if (tracer) traceCache(cache, tracer);
 * ```
 */
export function cacheTracer(): TracerLike | null {
  if (!otelEnabled()) return null;
  return Deno.telemetry.tracerProvider.getTracer("beacon.cache") as TracerLike;
}

/**
 * Wraps one cache's `getOrLoad` so every lookup, and every load it runs, is a span.
 *
 * @param cache The cache to wrap (in place).
 * @param tracer Where spans go.
 * @returns The same cache.
 * @example
 * ```ts ignore
 * const tracer = cacheTracer();
 * if (cache && tracer) traceCache(cache, tracer);
 * ```
 */
export function traceCache(cache: Cache, tracer: TracerLike): Cache {
  const getOrLoad = cache.getOrLoad.bind(cache);
  cache.getOrLoad = function tracedGetOrLoad(key, loader, options) {
    return tracer.startActiveSpan("cache.lookup", async (span) => {
      const tracedLoader = () =>
        tracer.startActiveSpan("cache.load", async (load) => {
          try {
            const value = await loader();
            load.setAttribute("cache.result", "ok");
            return value;
          } catch (error) {
            load.setAttribute("cache.result", "error");
            throw error;
          } finally {
            load.end();
          }
        });
      try {
        const result = await getOrLoad(key, tracedLoader, options);
        span.setAttribute("cache.tier", result.tier);
        span.setAttribute("cache.result", result.status);
        return result;
      } catch (error) {
        span.setAttribute("cache.result", "error");
        throw error;
      } finally {
        span.end();
      }
    });
  };
  return cache;
}
