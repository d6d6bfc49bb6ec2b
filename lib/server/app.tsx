/**
 * The Hono application: middleware in order, the routes, and one error boundary.
 *
 * @module
 */
import { type Context, Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { bodyLimit } from "hono/body-limit";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppDeps, AppEnv } from "../app/deps.ts";
import { page } from "../app/respond.ts";
import { HttpError } from "../http/errors.ts";
import { asUnavailable } from "../db/unavailable.ts";
import { wantsJson } from "../http/form.ts";
import { privateHeaders } from "../http/headers.ts";
import { sameOrigin } from "../http/same_origin.ts";
import { securityHeaders } from "../http/security_headers.ts";
import { session, SESSION_COOKIE } from "../http/session.ts";
import { buildRoutes } from "../islands/mod.ts";
import { cohortOf, httpMetrics } from "../metrics/mod.ts";
import { ROUTES } from "../../routes/_manifest.ts";
import { ErrorPage } from "../../routes/_error.tsx";

const UNSAFE = ["POST", "PUT", "PATCH", "DELETE"];

/** Largest request body accepted: 64 KiB. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Largest import accepted: the Markdown's 1 MB, and the form around it. */
export const MAX_IMPORT_BODY_BYTES = 1024 * 1024 + 64 * 1024;

function limitBody(maxSize: number, words: string) {
  return bodyLimit({
    maxSize,
    onError() {
      throw new HttpError(413, `The request body is larger than ${words}`);
    },
  });
}

/**
 * Builds the app from its dependencies.
 *
 * @example
 * ```ts ignore
 * const app = createApp(deps);
 * Deno.serve({ port: 8000 }, app.fetch);
 * ```
 */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // First, so it times and counts every response, errors and 304s included.
  app.use(
    httpMetrics<AppEnv>(deps.metrics.http, { cohort: (c) => cohortOf(c.var.session?.flags) }),
  );
  app.use(securityHeaders());
  app.route("/_build", buildRoutes());
  app.use(function provideDeps(c, next) {
    c.set("deps", deps);
    return next();
  });
  app.use(session({ hasher: deps.hasher, load: (hash) => deps.loaders.context(hash) }));
  // Only requests that change something carry a body and need the origin check. An import
  // may bring a whole dashboard; everything else stays small.
  const smallBody = limitBody(MAX_BODY_BYTES, `${MAX_BODY_BYTES / 1024} KiB`);
  const importBody = limitBody(MAX_IMPORT_BODY_BYTES, "1 MB");
  app.on(
    UNSAFE,
    "*",
    function bodySize(c, next) {
      return (c.req.path === "/projects/import" ? importBody : smallBody)(c, next);
    },
    sameOrigin({
      allowedOrigins: deps.config.allowedOrigins,
      credentialCookie: SESSION_COOKIE,
      trustedProxies: deps.config.trustedProxies,
    }),
  );
  // Routes, one module each (`routes/_manifest.ts`).
  for (const [pattern, module] of Object.entries(ROUTES)) {
    for (const [method, handler] of Object.entries(module.handler)) {
      app.on(method, pattern, handler);
    }
  }
  // A write's address opened again (a reload after a 422, a bookmark) shows its dashboard.
  app.get("/projects/:id/*", function backToDashboard(c) {
    return c.redirect(`/projects/${encodeURIComponent(c.req.param("id"))}`, 303);
  });
  app.notFound((c) => renderError(c as Context<AppEnv>, new HttpError(404, "Page not found")));
  app.onError((error, c) => renderError(c as Context<AppEnv>, error));
  return app;
}

function renderError(c: Context<AppEnv>, error: Error): Response | Promise<Response> {
  let status = 500;
  let message = "Something went wrong on our side. Please try again.";
  const unavailable = asUnavailable(error);
  if (unavailable) {
    // The database is out of reach: nothing was done, and trying again soon will work.
    status = 503;
    message = "The database is not answering right now. Please try again in a moment.";
    c.header("Retry-After", String(unavailable.retryAfterSeconds));
  } else if (error instanceof HttpError) {
    status = error.status;
    message = error.message;
    for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
  } else if (error instanceof HTTPException) {
    status = error.status;
    message = error.message || "The request could not be handled";
  } else {
    console.error(`${c.req.method} ${c.req.path} failed:`, error);
  }
  if (status === 401 && !wantsJson(c) && c.req.method === "GET") {
    const next = new URL(c.req.url);
    return c.redirect(`/login?next=${encodeURIComponent(next.pathname + next.search)}`, 303);
  }
  if (wantsJson(c)) {
    privateHeaders(c);
    return c.json({ error: message, status }, status as ContentfulStatusCode);
  }
  const ctx = c.var.session;
  return page(
    c,
    <ErrorPage
      status={status}
      message={message}
      user={ctx?.user}
      tenant={ctx?.tenant}
      role={ctx?.role}
    />,
    status as ContentfulStatusCode,
  );
}
