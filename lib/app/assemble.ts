/**
 * Assembles the app's dependencies from a configuration and a database: the invalidation bus,
 * the cache (unless `CACHE=off`), the loaders and the render function.
 *
 * @module
 */
import type { Config } from "../config.ts";
import type { Database } from "../db/connection.ts";
import type { AppDeps } from "./deps.ts";
import { createCache } from "../cache/mod.ts";
import type { Cache } from "../cache/mod.ts";
import { InvalidationBus, SeqGate } from "../live/mod.ts";
import { Hub } from "../live/hub.ts";
import { Loaders } from "../resources/loaders.ts";
import { STALE_AFTER_MS } from "../resources/served.ts";
import { FlagTable } from "../flags/mod.ts";
import { listFlagSettings } from "../db/flags.ts";
import { demoSignInsPresent } from "../db/demo_sign_ins.ts";
import { HtmlCache } from "../resources/page_cache.ts";
import { SessionHasher } from "../http/session.ts";
import { RevalidationMemo } from "../http/revalidation_memo.ts";
import { ResourceEtags } from "../resources/etag.ts";
import { createWriteThrough } from "../resources/write_through.ts";
import { renderPage } from "../islands/mod.ts";
// Registers every island, so any page rendered by this app hydrates them.
import "../../islands/mod.ts";
import { cacheTracer, type Cohort, Metrics, traceCache } from "../metrics/mod.ts";

/** The assembled parts, with a way to stop them. */
export interface Assembly {
  deps: AppDeps;
  bus: InvalidationBus;
  cache: Cache | null;
  /** Closes the bus and the cache; the database is the caller's. */
  close(): Promise<void>;
}

/** Options of {@linkcode assemble}. */
export interface AssembleOptions {
  /** The islands' build id. */
  buildId: string;
  /** The build's static imports, so pages preload their modules at once (`BuildManifest`). */
  buildImports?: Record<string, string[]>;
  /** Key namespace and Redis key prefix, so test runs sharing a Redis never meet. */
  namespace?: string;
  /** Told of problems the parts handle themselves (Redis errors, bus replays). */
  onError?: (error: unknown) => void;
  /** How often the cache monitor samples. Default 1000 ms. */
  metricsIntervalMs?: number;
}

/**
 * Builds everything the app needs and starts the bus.
 *
 * @example
 * ```ts ignore
 * const { deps, close } = await assemble(config, db, { buildId: build.id });
 * const app = createApp(deps);
 * ```
 */
export async function assemble(
  config: Config,
  db: Database,
  options: AssembleOptions,
): Promise<Assembly> {
  const namespace = options.namespace ?? "beacon";
  const bus = new InvalidationBus(db, { onError: options.onError });
  await bus.start();
  let cache: Cache | null = null;
  if (config.cache) {
    cache = createCache({
      redisUrl: config.redisUrl,
      redisPrefix: `${namespace}:`,
      // Without CACHE_KEY, a key of this process: sensitive fields another instance wrote
      // are then misses, never plaintext.
      secrets: config.cacheKey ?? crypto.randomUUID() + crypto.randomUUID(),
      // A reader with a stale value at hand gets it when a fresher one is slow to come.
      softTimeoutMs: STALE_AFTER_MS,
      onRedisError: options.onError,
    }).cache;
    const tracer = cacheTracer();
    if (tracer) traceCache(cache, tracer);
  }
  const flags = new FlagTable(() => listFlagSettings(db), { onError: options.onError });
  try {
    await flags.start(bus);
  } catch (error) {
    await bus.close();
    await cache?.close();
    throw error;
  }
  const loaders = new Loaders({ db, versions: bus, cache, namespace, flags });
  // Every instance reads a changed dashboard its pages show before they all ask for it.
  const stopReadAhead = bus.subscribe((event) => loaders.readAhead(event));
  // A session or user event closes that session's sockets unless the session still loads.
  const hub = new Hub(bus, {
    sessionAlive: async (hash) => (await loaders.context(hash)) !== null,
  });
  const seqGate = new SeqGate(bus);
  const metrics = new Metrics({ intervalMs: options.metricsIntervalMs });
  const revalidations = new RevalidationMemo({
    version: (topic) => loaders.version(topic),
    onAnswer: (method, route, label, seconds, status) =>
      metrics.http.record(method, route, status, label as Cohort, seconds),
  });
  const deps: AppDeps = {
    config,
    db,
    bus,
    hub,
    seqGate,
    cache,
    loaders,
    flags,
    buildId: options.buildId,
    htmlCache: new HtmlCache({ maxBytes: 32 * 1024 * 1024 }),
    // Without a configured key (an app in a test), one of this process: its sessions are its own.
    hasher: new SessionHasher(config.sessionSecret ?? crypto.randomUUID() + crypto.randomUUID()),
    renderPage: (vnode) =>
      renderPage(vnode, { buildId: options.buildId, imports: options.buildImports }),
    etags: new ResourceEtags({ buildId: options.buildId, sources: loaders, memo: revalidations }),
    writeThrough: createWriteThrough(bus, loaders),
    metrics,
    revalidations,
    demoSignIns: !config.databaseUrl && await demoSignInsPresent(db),
  };
  deps.metrics.start(deps);
  return {
    deps,
    bus,
    cache,
    async close() {
      deps.metrics.close();
      hub.close();
      stopReadAhead();
      seqGate.close();
      flags.close();
      await bus.close();
      await cache?.close();
    },
  };
}
