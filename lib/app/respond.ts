/**
 * How routes answer: who may ask, the ETags of what they ask for and the 304 that answers a
 * match, and a page with the headers every per-user page carries (kept by its ETag).
 *
 * @module
 */
import type { Context } from "hono";
import type { VNode } from "preact";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "./deps.ts";
import { HttpError } from "../http/errors.ts";
import { privateHeaders } from "../http/headers.ts";
import {
  codedResponse,
  compressedResponse,
  storedBody,
  storedCodingFor,
} from "../http/coded_response.ts";
import { codedEtag } from "../http/etag.ts";
import type { Role } from "../model/types.ts";
import type { RequestContext } from "../resources/context.ts";
import type { EtagRequest, Representation } from "../resources/etag.ts";
import type { Resource } from "../resources/resource.ts";
import { cacheStatusFor, type Served } from "../resources/served.ts";
import { checkConditional } from "../http/conditional.ts";

/** Options of {@linkcode page}. */
export interface PageOptions {
  /** `Cache-Control: no-store`: the page shows a secret, such as a one-time link. */
  noStore?: boolean;
}

/** How a cacheable page was made: its ETag and how its data was served. */
export interface Revalidation {
  etag: string | null;
  served: Served;
  /** When data served stale stopped being fresh, in epoch milliseconds. */
  freshUntil?: number;
}

const HTML = "text/html; charset=UTF-8";

/**
 * Renders a page as the response, with the headers every per-user page carries, in the
 * content coding the request accepts. With an ETag, the page is rendered and compressed once
 * and kept by reader and ETag (`HtmlCache`): every response for that tag sends the same bytes,
 * with `ETag`, `Cache-Status` and `Vary: Cookie, Accept-Encoding`. Without one (the cache is
 * off, a visitor's page, an error, a form shown again) it is compressed for this response when
 * large enough.
 *
 * @example
 * ```ts ignore
 * return await page(c, () => <HomePage {...props} />, 200, { etag, served });
 * ```
 */
export async function page(
  c: Context<AppEnv>,
  vnode: VNode | (() => VNode),
  status: ContentfulStatusCode = 200,
  revalidation?: Revalidation,
  options: PageOptions = {},
): Promise<Response> {
  const { renderPage, htmlCache } = c.var.deps;
  const tree = () => typeof vnode === "function" ? vnode() : vnode;
  privateHeaders(c);
  // A page that shows a secret once is kept nowhere.
  if (options.noStore) c.header("Cache-Control", "no-store");
  if (revalidation) {
    c.header("Cache-Status", cacheStatusFor(revalidation.served, revalidation.freshUntil));
  }
  const etag = revalidation?.etag;
  if (!etag) return await compressedResponse(c, renderPage(tree()), { status, contentType: HTML });
  // Only signed-in pages carry an ETag; the reader keys the stored page with it.
  const reader = c.var.session?.user.id ?? "";
  const stored = await htmlCache.store(reader, etag, () => renderPage(tree()));
  const coding = storedCodingFor(c.req.raw);
  if (status === 200 && revalidation.served === "hit") {
    // A repeat of this GET by this session gets these bytes in front of the router while the
    // versions the ETag rests on hold and the page is still kept.
    c.var.deps.revalidations.keepBody(c.req.raw, {
      etag: codedEtag(etag, coding),
      body: () => {
        const page = htmlCache.get(reader, etag);
        return page ? storedBody(page, coding) : null;
      },
    });
  }
  return codedResponse(c, stored, { status, contentType: HTML, etag }, coding);
}

/**
 * The signed-in context; throws 401 for a visitor.
 *
 * @example
 * ```ts ignore
 * const ctx = signedIn(c);
 * ```
 */
export function signedIn(c: Context<AppEnv>): RequestContext {
  const ctx = c.var.session;
  if (!ctx) throw new HttpError(401, "Sign in to continue");
  return ctx;
}

/**
 * The signed-in context when its role is one of `roles`; 403 otherwise.
 *
 * @example
 * ```ts ignore
 * const ctx = withRole(c, EDITOR_ROLES);
 * ```
 */
export function withRole(c: Context<AppEnv>, roles: readonly Role[]): RequestContext {
  const ctx = signedIn(c);
  if (!roles.includes(ctx.role)) {
    throw new HttpError(403, `Your role (${ctx.role}) cannot do this`);
  }
  return ctx;
}

/**
 * The ETag of a representation of a resource for the signed-in reader (computed once, and
 * noted for the remembered-304 memo), or null when the cache is off for them.
 *
 * @example
 * ```ts ignore
 * const etag = etagOf(c, ctx, loaders.resources.dashboard(tenantId, id), "page");
 * ```
 */
export function etagOf(
  c: Context<AppEnv>,
  ctx: RequestContext,
  resource: Resource<unknown>,
  representation: Representation,
): string | null {
  return c.var.deps.etags.resource(etagRequest(c, ctx), resource, representation);
}

/**
 * The ETag of a representation read straight from the database, from what it shows (see
 * `ResourceEtags.content()`), for the signed-in reader; null when the cache is off for them.
 *
 * @example
 * ```ts ignore
 * const etag = contentEtagOf(c, ctx, "api-members", members);
 * ```
 */
export function contentEtagOf(
  c: Context<AppEnv>,
  ctx: RequestContext,
  kind: string,
  body: unknown,
): string | null {
  return c.var.deps.etags.content(etagRequest(c, ctx), kind, body);
}

/** The ETag of `GET /api/context` for the signed-in reader; null when the cache is off. */
export function contextEtagOf(c: Context<AppEnv>, ctx: RequestContext): string | null {
  return c.var.deps.etags.context(etagRequest(c, ctx));
}

function etagRequest(c: Context<AppEnv>, ctx: RequestContext): EtagRequest {
  return { request: c.req.raw, route: c.req.routePath, ctx };
}

const NOT_MODIFIED = { "Cache-Status": cacheStatusFor("hit") };

/**
 * A 304 when the request's `If-None-Match` matches `etag`; null otherwise (or without one, or
 * without an ETag). `If-None-Match: *` matches only a resource known to exist (RFC 9110
 * §13.1.2): unless `exists` is set, the caller must load it first and ask again.
 *
 * @example
 * ```ts ignore
 * const notModified = revalidate(c, etag, { exists: true });
 * if (notModified) return notModified;
 * ```
 */
export function revalidate(
  c: Context<AppEnv>,
  etag: string | null,
  options: { exists?: boolean } = {},
): Response | null {
  if (etag === null) return null;
  return checkConditional(c, etag, { headers: NOT_MODIFIED, exists: options.exists ?? false });
}
