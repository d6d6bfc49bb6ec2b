/**
 * The types that travel with each request.
 *
 * @module
 */
import type { VNode } from "preact";
import type { Config } from "../config.ts";
import type { Db } from "../db/connection.ts";
import type { RequestContext } from "../resources/context.ts";
import type { Loaders } from "../resources/loaders.ts";
import type { FlagTable } from "../flags/mod.ts";
import type { HtmlCache } from "../resources/page_cache.ts";
import type { Cache } from "../cache/mod.ts";
import type { InvalidationBus } from "../live/mod.ts";
import type { Hub } from "../live/hub.ts";
import type { LoginThrottle } from "../http/rate_limit.ts";
import type { SessionHasher } from "../http/session.ts";
import type { Metrics } from "../metrics/metrics.ts";
import type { RevalidationMemo } from "../http/revalidation_memo.ts";

/** What the app is built from; made once by the composition root. */
export interface AppDeps {
  config: Config;
  db: Db;
  throttle: LoginThrottle;
  hasher: SessionHasher;
  /** The invalidation bus: versions in memory and every bump as an event. */
  bus: InvalidationBus;
  /** The WebSocket hub of this instance: pushes the bus's events to browsers (`GET /ws`). */
  hub: Hub;
  /** The cache; null when `CACHE=off`. */
  cache: Cache | null;
  /** Loads sessions, contexts and resources, through the cache unless it is off. */
  loaders: Loaders;
  /** Every feature flag setting in memory, reloaded on each flag event. */
  flags: FlagTable;
  /** Rendered pages by ETag, in this process only. */
  htmlCache: HtmlCache;
  /** The islands' build id; part of every ETag. */
  buildId: string;
  /** Renders a page tree to a whole HTML document (islands, scripts). */
  renderPage(vnode: VNode, options: { nonce?: string }): string;
  /**
   * Awaited after each write commits, so the writer's next read sees its own change.
   * `refill`, given the versions the write made, loads what readers will ask for next; it runs
   * before this instance moves to those versions.
   */
  afterWrite(refill?: (versionOf: (topic: string) => number) => Promise<unknown>): Promise<void>;
  /** 304s answered again in front of the router while nothing they rest on changed. */
  revalidations: RevalidationMemo;
  /** HTTP metrics, bus lag and the cache monitor's samples (`/metrics`, `/admin/cache`). */
  metrics: Metrics;
}

/** Hono's environment: per-request variables. */
export interface AppEnv {
  Variables: {
    deps: AppDeps;
    /** The signed-in user's context; null for a visitor. */
    ctx: RequestContext | null;
    /** The CSP nonce of this response, once a page asked for one (`cspNonce`). */
    cspNonce?: string;
  };
}
