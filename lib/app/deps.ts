/**
 * What the app is built from, and the types that travel with each request. Made once by the
 * composition root (`assemble.ts`); routes read them from `c.var.deps`.
 *
 * @module
 */
import type { Context } from "hono";
import type { VNode } from "preact";
import type { Config } from "../config.ts";
import type { Database } from "../db/connection.ts";
import type { Cache } from "../cache/mod.ts";
import type { FlagTable } from "../flags/mod.ts";
import type { RevalidationMemo } from "../http/revalidation_memo.ts";
import type { SessionEnv, SessionHasher } from "../http/session.ts";
import type { Hub } from "../live/hub.ts";
import type { InvalidationBus, SeqGate } from "../live/mod.ts";
import type { Metrics } from "../metrics/mod.ts";
import type { RequestContext } from "../resources/context.ts";
import type { ResourceEtags } from "../resources/etag.ts";
import type { Loaders } from "../resources/loaders.ts";
import type { HtmlCache } from "../resources/page_cache.ts";
import type { WriteThrough } from "../resources/write_through.ts";

/** What the app is built from; made once by the composition root. */
export interface AppDeps {
  config: Config;
  db: Database;
  hasher: SessionHasher;
  /** The invalidation bus: versions in memory and every bump as an event. */
  bus: InvalidationBus;
  /** The WebSocket hub of this instance: pushes the bus's events to browsers (`GET /ws`). */
  hub: Hub;
  /**
   * Holds a batch until this instance has applied every event its page heard of (the page's
   * socket may be on another instance, ahead of this one).
   */
  seqGate: SeqGate;
  /** The cache; null when `CACHE=off`. */
  cache: Cache | null;
  /** The read model: contexts and resources, through the cache unless it is off. */
  loaders: Loaders;
  /** ETags of the read model's representations, each noted for the memo. */
  etags: ResourceEtags;
  /**
   * The one write path: holds invalidations, writes, refills what readers ask for next under
   * the write's versions, applies them and releases. Every write goes through it.
   */
  writeThrough: WriteThrough;
  /** Every feature flag setting in memory, reloaded on each flag event. */
  flags: FlagTable;
  /** Rendered pages by reader and ETag, compressed once, in this process only. */
  htmlCache: HtmlCache;
  /** The islands' build id; part of every ETag. */
  buildId: string;
  /** Renders a page tree to a whole HTML document (islands, their state and boot module). */
  renderPage(vnode: VNode): string;
  /** 304s answered again in front of the router while nothing they rest on changed. */
  revalidations: RevalidationMemo;
  /** HTTP metrics, bus lag and the cache monitor's samples (`/metrics`, `/admin/cache`). */
  metrics: Metrics;
  /** Whether the sign-in page lists the demo accounts: demo data on the embedded database. */
  demoSignIns: boolean;
}

/** Hono's environment: per-request variables. */
export interface AppEnv {
  Variables:
    & { deps: AppDeps }
    & SessionEnv<RequestContext>["Variables"];
}

/** A route's handler for one method. */
export type Handler = (c: Context<AppEnv>) => Response | Promise<Response>;

/** A route module's handlers, by method, Fresh-style. */
export type Handlers = Partial<Record<"GET" | "POST", Handler>>;
