/**
 * How the JSON API answers a resource for the signed-in user, given the ETag the client holds:
 * shared by the GET routes and the batch.
 *
 * @module
 */
import type { Context } from "hono";
import type { AppEnv } from "../../lib/app/deps.ts";
import { contextEtagOf, etagOf, signedIn } from "../../lib/app/respond.ts";
import { HttpError, uuidParam } from "../../lib/http/errors.ts";
import { notModified } from "../../lib/http/conditional.ts";
import { privateHeaders } from "../../lib/http/headers.ts";
import { jsonText } from "../../lib/http/json_text.ts";
import { ifNoneMatchHits } from "../../lib/http/if_none_match.ts";
import { CONTEXT_PATH } from "../../lib/model/api.ts";
import { contextJson, type RequestContext } from "../../lib/resources/context.ts";
import { cacheStatusFor, type Served } from "../../lib/resources/served.ts";

/** A resource's answer: what a GET would send, status, ETag and body. */
export interface ResourceAnswer {
  status: number;
  etag?: string;
  body?: unknown;
  error?: string;
  served?: Served;
}

const NOT_FOUND: ResourceAnswer = { status: 404, error: "Project not found" };
const PROJECT_PATH = /^\/api\/projects\/([^/?#]+)$/;

/**
 * Answers `GET path` for the signed-in user, given the ETag the client holds: 304 when it
 * matches, else 200 with the body, or 404.
 */
export async function answer(
  c: Context<AppEnv>,
  ctx: RequestContext,
  path: string,
  heldEtag: string | null | undefined,
): Promise<ResourceAnswer> {
  const { loaders } = c.var.deps;
  if (path === CONTEXT_PATH) {
    const etag = contextEtagOf(c, ctx);
    if (etag && ifNoneMatchHits(heldEtag, etag)) return { status: 304, etag };
    const served = loaders.contextServed(ctx);
    return { status: 200, etag: etag ?? undefined, body: contextJson(ctx), served };
  }
  const match = PROJECT_PATH.exec(path);
  if (!match) return { status: 404, error: "Not found" };
  let projectId: string;
  try {
    projectId = uuidParam(match[1], "Project");
  } catch (error) {
    if (error instanceof HttpError) return { status: 404, error: error.message };
    throw error;
  }
  const dashboard = loaders.resources.dashboard(ctx.tenant.id, projectId);
  const etag = etagOf(c, ctx, dashboard, "api");
  if (etag) {
    // Another tenant's project, or none, is a 404 before any tag is compared (invariant 3).
    const has = loaders.hasProject(ctx.tenant.id, projectId, ctx.user.id);
    if (!(has instanceof Promise ? await has : has)) return NOT_FOUND;
    if (ifNoneMatchHits(heldEtag, etag)) return { status: 304, etag };
  }
  const { value, served } = await loaders.read(dashboard, ctx.user.id);
  if (value === null) return NOT_FOUND;
  return { status: 200, etag: etag ?? undefined, body: value, served };
}

/**
 * What a page holds when its ETag is the one `path` had for this reader one version ago (its
 * page heard of one write since): that version's value, while this process still holds it;
 * else undefined. Only dashboards: the context is small.
 */
export function heldBefore(
  c: Context<AppEnv>,
  ctx: RequestContext,
  path: string,
  heldEtag: string,
): unknown {
  const match = PROJECT_PATH.exec(path);
  if (!match) return undefined;
  const { loaders, etags } = c.var.deps;
  const dashboard = loaders.resources.dashboard(ctx.tenant.id, match[1]);
  const [topic] = dashboard.topics;
  const before = loaders.version(topic) - 1;
  if (before < 0) return undefined;
  const versionOf = (t: string) => t === topic ? before : loaders.version(t);
  const request = { request: c.req.raw, route: c.req.routePath, ctx };
  const etag = etags.resourceAt(request, dashboard, "api", versionOf);
  if (etag === null || !ifNoneMatchHits(heldEtag, etag)) return undefined;
  return loaders.peekAt(dashboard, versionOf) ?? undefined;
}

/** Sends a resource's answer as the response of its own GET. */
export async function respond(c: Context<AppEnv>, path: string): Promise<Response> {
  const ctx = signedIn(c);
  const result = await answer(c, ctx, path, c.req.header("if-none-match"));
  if (result.status === 404) throw new HttpError(404, result.error ?? "Not found");
  privateHeaders(c);
  if (result.status === 304) {
    return notModified(c, result.etag!, { "Cache-Status": cacheStatusFor("hit") });
  }
  if (!c.var.deps.loaders.cachedFor(ctx.tenant.id, ctx.user.id)) result.served = "bypass";
  c.header("Cache-Status", cacheStatusFor(result.served ?? "hit"));
  if (result.etag) c.header("ETag", result.etag);
  c.header("Content-Type", "application/json");
  return c.body(jsonText(result.body));
}
