/**
 * `GET /projects/:id/export.md`: the dashboard as Markdown (`text/markdown`, with a download
 * name), in the shape `POST /projects/import` reads back: importing it gives the same project.
 * Anyone of the tenant may export, viewers too.
 *
 * @module
 */
import type { Handlers } from "../../../lib/app/deps.ts";
import { etagOf, revalidate, signedIn } from "../../../lib/app/respond.ts";
import { found, HttpError, uuidParam } from "../../../lib/http/errors.ts";
import { privateHeaders } from "../../../lib/http/headers.ts";
import { formatDashboard } from "../../../lib/markdown/mod.ts";
import { exportDashboard } from "../../../lib/db/markdown_export.ts";
import { cacheStatusFor } from "../../../lib/resources/served.ts";

/**
 * A file name for a project's export: its name in lower case, words joined by dashes.
 *
 * @example
 * ```ts
 * exportFileName("Redis Caching Implementation"); // "redis-caching-implementation.md"
 * ```
 */
export function exportFileName(name: string): string {
  const slug = name.normalize("NFKD").toLowerCase().replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "").slice(0, 80);
  return `${slug || "dashboard"}.md`;
}

/** The export handler. */
export const handler: Handlers = {
  async GET(c) {
    const ctx = signedIn(c);
    const { loaders } = c.var.deps;
    const projectId = uuidParam(c.req.param("id"), "Project");
    const has = loaders.hasProject(ctx.tenant.id, projectId, ctx.user.id);
    if (!(has instanceof Promise ? await has : has)) throw new HttpError(404, "Project not found");
    const dashboard = loaders.resources.dashboard(ctx.tenant.id, projectId);
    const etag = etagOf(c, ctx, dashboard, "markdown");
    const notModified = revalidate(c, etag, { exists: true });
    if (notModified) return notModified;
    const { value, served } = await loaders.read(dashboard, ctx.user.id);
    const data = found(value, "Project");
    privateHeaders(c);
    c.header("Cache-Status", cacheStatusFor(served));
    if (etag) c.header("ETag", etag);
    c.header("Content-Type", "text/markdown; charset=utf-8");
    c.header(
      "Content-Disposition",
      `attachment; filename="${exportFileName(data.project.name)}"`,
    );
    return c.body(formatDashboard(exportDashboard(data)));
  },
};
