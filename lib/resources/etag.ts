/**
 * ETag-aware responses: a weak ETag from the build, the variant and the versions of the topics
 * a response depends on — all in memory — so a matching `If-None-Match` answers 304 before any
 * load or render.
 *
 * @module
 */
import type { Context } from "hono";
import type { AppEnv } from "../app/deps.ts";
import type { RequestContext } from "./context.ts";
import type { Served } from "./loaders.ts";
import { checkConditional, weakEtag } from "../http/conditional.ts";
import { formatCacheStatus } from "../http/cache_status.ts";

/**
 * The ETag of a per-user resource, or null when the cache is off, globally or for this tenant
 * and user by the `cache` flag (the baseline has no 304 shortcut). It changes with the build,
 * the user, tenant and role, the versions of the context's topics (user, membership, flags)
 * and of `topics`.
 */
export function resourceEtag(
  c: Context<AppEnv>,
  ctx: RequestContext,
  kind: string,
  id: string,
  topics: readonly string[],
): string | null {
  const { loaders, buildId, revalidations } = c.var.deps;
  if (!loaders.cachedFor(ctx.tenant.id, ctx.user.id)) return null;
  const parts: (string | number)[] = [buildId, kind, id, ctx.user.id, ctx.tenant.id, ctx.role];
  const contextTopics = loaders.contextTopics(ctx.user.id, ctx.tenant.id);
  for (const topic of contextTopics) parts.push(loaders.version(topic));
  for (const topic of topics) parts.push(topic, loaders.version(topic));
  const etag = weakEtag(parts);
  // What a remembered 304 rests on: the ETag's topics, and the session's (sign-out).
  revalidations.note(c, ctx, etag, () => [
    ...loaders.sessionTopics(ctx.sessionHash),
    ...contextTopics,
    ...topics,
  ]);
  return etag;
}

/**
 * The ETag of `GET /api/context` for the signed-in user; null when the cache is off for them.
 * It changes with the context's topics (user, membership, flags), as every page's does.
 *
 * @example
 * ```ts ignore
 * const etag = contextEtag(c, signedIn(c));
 * ```
 */
export function contextEtag(c: Context<AppEnv>, ctx: RequestContext): string | null {
  return resourceEtag(c, ctx, "context", "", []);
}

const CACHE_STATUS: Record<Served, string> = {
  hit: formatCacheStatus({ hit: true }),
  stale: formatCacheStatus({ hit: true, detail: "stale" }),
  miss: formatCacheStatus({ fwd: "miss", stored: true }),
  collapsed: formatCacheStatus({ fwd: "miss", collapsed: true }),
  bypass: formatCacheStatus({ fwd: "bypass" }),
};

/** The `Cache-Status` value for how a response's data was served. */
export function cacheStatusFor(served: Served): string {
  return CACHE_STATUS[served];
}

/**
 * A 304 when the request's `If-None-Match` matches `etag`; null otherwise (or without one).
 * `If-None-Match: *` matches only a resource known to exist (RFC 9110 §13.1.2): unless
 * `exists` is set, the caller must load it first and ask again.
 */
export function revalidate(
  c: Context<AppEnv>,
  etag: string | null,
  options: { exists?: boolean } = {},
): Response | null {
  if (etag === null) return null;
  return checkConditional(c, etag, { headers: NOT_MODIFIED, exists: options.exists ?? false });
}

const NOT_MODIFIED = { "Cache-Status": CACHE_STATUS.hit };
