/**
 * The JSON API: `GET /api/context`, `GET /api/projects/:id` — ETag-aware like the pages —
 * and `POST /api/batch`, which answers up to 50 of them in one response.
 *
 * @module
 */
import { type Context, Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../lib/app/deps.ts";
import { HttpError, uuidParam } from "../lib/http/errors.ts";
import { privateHeaders, signedIn } from "../lib/http/respond.ts";
import { cacheStatusFor, contextEtag, resourceEtag } from "../lib/resources/etag.ts";
import { ifNoneMatchHits, notModified } from "../lib/http/conditional.ts";
import type { Served } from "../lib/resources/loaders.ts";
import { contextJson, type RequestContext } from "../lib/resources/context.ts";

/** Most resources one batch may ask for. */
export const MAX_BATCH = 50;

/** The API routes. */
export const apiRoutes = new Hono<AppEnv>();

/** A resource's answer: what a GET would send, status, ETag and body. */
export interface ResourceAnswer {
  status: number;
  etag?: string;
  body?: unknown;
  error?: string;
  served?: Served;
}

/**
 * Answers `GET path` for the signed-in user, given the ETag the client holds: 304 when it
 * matches, else 200 with the body, or 404. Shared by the GET routes and the batch.
 */
async function answer(
  c: Context<AppEnv>,
  ctx: RequestContext,
  path: string,
  heldEtag: string | null | undefined,
): Promise<ResourceAnswer> {
  const { loaders } = c.var.deps;
  if (path === "/api/context") {
    const etag = contextEtag(c, ctx);
    if (etag && ifNoneMatchHits(heldEtag, etag)) return { status: 304, etag };
    const served = loaders.contextServed(ctx);
    return { status: 200, etag: etag ?? undefined, body: contextJson(ctx), served };
  }
  const match = /^\/api\/projects\/([^/?#]+)$/.exec(path);
  if (!match) return { status: 404, error: "Not found" };
  let projectId: string;
  try {
    projectId = uuidParam(match[1], "Project");
  } catch (error) {
    if (error instanceof HttpError) return { status: 404, error: error.message };
    throw error;
  }
  const etag = resourceEtag(c, ctx, "api-dashboard", projectId, loaders.dashboardTopics(projectId));
  if (etag && ifNoneMatchHits(heldEtag, etag, { exists: false })) return { status: 304, etag };
  const { value, served } = await loaders.dashboard(ctx.tenant.id, projectId, ctx.user.id);
  if (value === null) return { status: 404, error: "Project not found" };
  // `*` matches only now that the project is known to be the tenant's.
  if (etag && ifNoneMatchHits(heldEtag, etag)) return { status: 304, etag };
  return { status: 200, etag: etag ?? undefined, body: value, served };
}

/** Sends a resource's answer as the response of its own GET. */
async function respond(c: Context<AppEnv>, path: string): Promise<Response> {
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
  return c.json(result.body);
}

apiRoutes.get("/api/context", (c) => respond(c, "/api/context"));
apiRoutes.get("/api/projects/:id", (c) => respond(c, c.req.path));

const batchBody = z.object({
  resources: z.array(z.object({
    path: z.string().max(2048),
    etag: z.string().max(256).optional(),
  })),
});

const BATCHABLE = /^\/api\/(context|projects\/[^/?#]+)$/;

/** One resource's answer inside a batch. */
export interface BatchEntry {
  path: string;
  status: number;
  etag?: string;
  body?: unknown;
  error?: string;
}

apiRoutes.post("/api/batch", async (c) => {
  const ctx = signedIn(c);
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new HttpError(400, 'The body must be JSON like {"resources": [...]}');
  }
  const parsed = batchBody.safeParse(raw);
  if (!parsed.success) {
    throw new HttpError(400, `Invalid batch: ${parsed.error.issues[0].message}`);
  }
  const { resources } = parsed.data;
  if (resources.length > MAX_BATCH) {
    throw new HttpError(413, `A batch holds at most ${MAX_BATCH} resources`);
  }
  const entries = await Promise.all(resources.map(async ({ path, etag }): Promise<BatchEntry> => {
    if (!BATCHABLE.test(path)) {
      return { path, status: 400, error: "Only /api/context and /api/projects/:id can be batched" };
    }
    const { served: _served, ...result } = await answer(c, ctx, path, etag);
    return { path, ...result };
  }));
  privateHeaders(c);
  return c.json({ resources: entries });
});
