/**
 * Small response helpers shared by the routes.
 *
 * @module
 */
import type { Context } from "hono";
import type { VNode } from "preact";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../app/deps.ts";
import type { RequestContext } from "../resources/context.ts";
import { HttpError } from "./errors.ts";
import type { Role } from "../model/types.ts";
import type { Served } from "../resources/loaders.ts";
import { cacheStatusFor } from "../resources/etag.ts";
import { cspNonce } from "./security_headers.ts";

/** How a cacheable page was made: its ETag and how its data was served. */
export interface Revalidation {
  etag: string | null;
  served: Served;
}

/**
 * Renders a page as the response, with the headers every per-user page carries. With an
 * ETag, the rendered page is kept by it, and the response says `ETag` and `Cache-Status`.
 */
export function page(
  c: Context<AppEnv>,
  vnode: VNode | (() => VNode),
  status: ContentfulStatusCode = 200,
  revalidation?: Revalidation,
): Response {
  const { renderPage, htmlCache } = c.var.deps;
  const nonce = cspNonce(c);
  const tree = () => typeof vnode === "function" ? vnode() : vnode;
  privateHeaders(c);
  if (revalidation) c.header("Cache-Status", cacheStatusFor(revalidation.served));
  if (!revalidation?.etag) return c.html(renderPage(tree(), { nonce }), status);
  c.header("ETag", revalidation.etag);
  const html = htmlCache.render(revalidation.etag, nonce, (n) => renderPage(tree(), { nonce: n }));
  return c.html(html, status);
}

/** `Cache-Control: private, no-cache` and `Vary: Cookie`: every per-user response has them. */
export function privateHeaders(c: Context): void {
  c.header("Cache-Control", "private, no-cache");
  c.header("Vary", "Cookie");
}

/** Whether the client asked for JSON (an island's `fetch`) rather than a page. */
export function wantsJson(c: Context): boolean {
  return c.req.path.startsWith("/api/") ||
    (c.req.header("accept") ?? "").includes("application/json");
}

/** The signed-in context; throws 401 for a visitor. */
export function signedIn(c: Context<AppEnv>): RequestContext {
  const ctx = c.var.ctx;
  if (!ctx) throw new HttpError(401, "Sign in to continue");
  return ctx;
}

/** The signed-in context when its role is one of `roles`; 403 otherwise. */
export function withRole(c: Context<AppEnv>, roles: readonly Role[]): RequestContext {
  const ctx = signedIn(c);
  if (!roles.includes(ctx.role)) {
    throw new HttpError(403, `Your role (${ctx.role}) cannot do this`);
  }
  return ctx;
}

/** Reads a form body as plain strings; a body that is not a form is a 400. */
export async function formFields(c: Context): Promise<Record<string, string>> {
  const type = c.req.header("content-type") ?? "";
  if (
    !type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")
  ) {
    throw new HttpError(415, "Send the form as application/x-www-form-urlencoded");
  }
  let body: Record<string, string | File | (string | File)[]>;
  try {
    body = await c.req.parseBody({ all: true });
  } catch {
    throw new HttpError(400, "The form could not be read");
  }
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === "string") fields[key] = first;
  }
  return fields;
}
