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
import { acceptsCoding } from "../../lib/http/accept_encoding.ts";
import { compressedResponse } from "../../lib/http/coded_response.ts";
import { notModified } from "../../lib/http/conditional.ts";
import { privateHeaders } from "../../lib/http/headers.ts";
import { jsonText } from "../../lib/http/json_text.ts";
import { ifNoneMatchHits, matchingEtag, parseIfNoneMatch } from "../../lib/http/if_none_match.ts";
import { CONTEXT_PATH, MEMBERS_PATH, PROJECT_LIST_PATH } from "../../lib/model/api.ts";
import { contextJson, type RequestContext } from "../../lib/resources/context.ts";
import { cacheStatusFor, type Served } from "../../lib/resources/served.ts";
import { answerMembers, answerProjectList } from "./_lists.ts";

/** A resource's answer: what a GET would send, status, ETag and body. */
export interface ResourceAnswer {
  status: number;
  etag?: string;
  body?: unknown;
  error?: string;
  served?: Served;
  /** When data served stale stopped being fresh, in epoch milliseconds. */
  freshUntil?: number;
}

const NOT_FOUND: ResourceAnswer = { status: 404, error: "Project not found" };
const PROJECT_PATH = /^\/api\/projects\/([^/?#]+)$/;

/**
 * Which held tag matches the current ETag: the tag a 304 carries, or null for none.
 */
export type HeldMatch = (etag: string) => string | null;

/**
 * A batch entry's held tag: it matches in any coding (`-gzip`, `-br`), and the answer
 * carries the identity tag, which is what a batch's entries carry.
 *
 * @example
 * ```ts ignore
 * await answer(c, ctx, path, heldInBatch(entry.etag));
 * ```
 */
export function heldInBatch(held: string | undefined): HeldMatch {
  return (etag) => ifNoneMatchHits(held, etag) ? etag : null;
}

/** A GET's `If-None-Match`, matched in a coding the request accepts (`matchingEtag()`). */
function heldInRequest(c: Context<AppEnv>): HeldMatch {
  const held = parseIfNoneMatch(c.req.raw.headers.get("if-none-match"));
  const acceptEncoding = c.req.raw.headers.get("accept-encoding");
  return (etag) =>
    held &&
    matchingEtag(held, etag, {
      exists: true,
      accepts: (coding) => acceptsCoding(acceptEncoding, coding),
    });
}

/**
 * Answers `GET path` for the signed-in user, given what the client holds: 304 when it
 * matches (carrying the matching tag), else 200 with the body, or 404 (403 for a list the
 * user's role may not see).
 */
export async function answer(
  c: Context<AppEnv>,
  ctx: RequestContext,
  path: string,
  held: HeldMatch,
): Promise<ResourceAnswer> {
  const { loaders } = c.var.deps;
  if (path === CONTEXT_PATH) {
    const etag = contextEtagOf(c, ctx);
    const matched = etag && held(etag);
    if (matched) return { status: 304, etag: matched };
    const served = loaders.contextServed(ctx);
    return { status: 200, etag: etag ?? undefined, body: contextJson(ctx), served };
  }
  if (path === PROJECT_LIST_PATH) return await answerProjectList(c, ctx, held);
  if (path === MEMBERS_PATH) return await answerMembers(c, ctx, held);
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
    const matched = held(etag);
    if (matched) return { status: 304, etag: matched };
  }
  const { value, served, freshUntil, superseded } = await loaders.read(dashboard, ctx.user.id);
  if (value === null) return NOT_FOUND;
  // Data of earlier versions (the database is out of reach): no ETag describes it.
  const described = etag && !superseded ? etag : undefined;
  return { status: 200, etag: described, body: value, served, freshUntil };
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

/**
 * Sends a resource's answer as the response of its own GET: a 304 carries the tag the client
 * holds; a 200 large enough is compressed for the request, with its coding's ETag.
 */
export async function respond(c: Context<AppEnv>, path: string): Promise<Response> {
  const ctx = signedIn(c);
  const result = await answer(c, ctx, path, heldInRequest(c));
  if (result.status >= 400) throw new HttpError(result.status, result.error ?? "Not found");
  privateHeaders(c);
  if (result.status === 304) {
    return notModified(c, result.etag!, { "Cache-Status": cacheStatusFor("hit") });
  }
  if (!c.var.deps.loaders.cachedFor(ctx.tenant.id, ctx.user.id)) result.served = "bypass";
  c.header("Cache-Status", cacheStatusFor(result.served ?? "hit", result.freshUntil));
  return await compressedResponse(c, jsonText(result.body), {
    contentType: JSON_TYPE,
    etag: result.etag,
  });
}

/** `Content-Type` of every JSON answer. */
export const JSON_TYPE = "application/json";
