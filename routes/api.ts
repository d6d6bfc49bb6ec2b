/**
 * The JSON API: `GET /api/context`, `GET /api/projects/:id`.
 *
 * @module
 */
import { Hono } from "hono";
import type { AppEnv } from "../lib/http/env.ts";
import { found, uuidParam } from "../lib/http/errors.ts";
import { privateHeaders, signedIn } from "../lib/http/respond.ts";
import { loadProjectDashboard } from "../lib/db/projects.ts";

/** The API routes. */
export const apiRoutes = new Hono<AppEnv>();

apiRoutes.get("/api/context", (c) => {
  const ctx = signedIn(c);
  privateHeaders(c);
  return c.json({
    user: ctx.user,
    tenant: ctx.tenant,
    role: ctx.role,
    preferences: ctx.preferences,
    flags: ctx.flags,
  });
});

apiRoutes.get("/api/projects/:id", async (c) => {
  const ctx = signedIn(c);
  const projectId = uuidParam(c.req.param("id"), "Project");
  const dashboard = found(
    await loadProjectDashboard(c.var.deps.db, ctx.tenant.id, projectId),
    "Project",
  );
  privateHeaders(c);
  return c.json(dashboard);
});
