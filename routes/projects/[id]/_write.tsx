/**
 * What the project's write routes share: the scope of a write (the session's tenant and the
 * project in the URL, editors only), the write path, and the answers — 303 back to the
 * dashboard or JSON for an island, or the dashboard again with a form's messages (422).
 *
 * @module
 */
import type { Context } from "hono";
import type { z } from "zod";
import type { AppEnv } from "../../../lib/app/deps.ts";
import { contextEtagOf, page, withRole } from "../../../lib/app/respond.ts";
import { found, HttpError, uuidParam } from "../../../lib/http/errors.ts";
import { wantsJson } from "../../../lib/http/form.ts";
import { EDITOR_ROLES } from "../../../lib/model/context.ts";
import type { ProjectScope } from "../../../lib/db/project_writes.ts";
import { contextJson, type RequestContext } from "../../../lib/resources/context.ts";
import { type FormState, ProjectPage } from "../[id].tsx";

/**
 * The scope of a write: the session's tenant and the project in the URL (editors only; 403
 * for others). Another tenant's project, or none, is a 404 before the form is even read.
 */
export async function writeScope(
  c: Context<AppEnv>,
): Promise<{ ctx: RequestContext; scope: ProjectScope }> {
  const ctx = withRole(c, EDITOR_ROLES);
  const projectId = uuidParam(c.req.param("id"), "Project");
  const has = c.var.deps.loaders.hasProject(ctx.tenant.id, projectId, ctx.user.id);
  if (!(has instanceof Promise ? await has : has)) throw new HttpError(404, "Project not found");
  return { ctx, scope: { tenantId: ctx.tenant.id, projectId } };
}

/** The first message for each field of a failed validation. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "_form");
    errors[field] ??= issue.message;
  }
  return errors;
}

/**
 * Writes to a project through the one write path: the project's dashboard and the tenant's
 * project list are refilled under the write's versions before this instance moves to them.
 * A write that finds nothing (null) is a 404 naming `what`.
 */
export async function writeProject<T>(
  c: Context<AppEnv>,
  scope: ProjectScope,
  what: string,
  write: () => Promise<T | null>,
): Promise<T> {
  const { writeThrough, loaders } = c.var.deps;
  const refill = loaders.resources.projectWrite(scope.tenantId, scope.projectId);
  return found(await writeThrough(write, { refill }), what);
}

/** After a write: JSON for an island's fetch, otherwise 303 back to the dashboard's section. */
export function written(
  c: Context<AppEnv>,
  scope: ProjectScope,
  anchor: string,
  body: object,
): Response {
  if (wantsJson(c)) return c.json(body);
  return c.redirect(`/projects/${scope.projectId}#${anchor}`, 303);
}

/** Invalid input: 422 JSON for an island, or the dashboard again with the form's messages. */
export function invalid(
  c: Context<AppEnv>,
  ctx: RequestContext,
  form: FormState,
): Promise<Response> | Response {
  if (wantsJson(c)) {
    return c.json({ error: Object.values(form.errors)[0], errors: form.errors }, 422);
  }
  return renderInvalidForm(c, ctx, form);
}

/** The dashboard again with a form's values and messages: 422, never stored. */
async function renderInvalidForm(
  c: Context<AppEnv>,
  ctx: RequestContext,
  form: FormState,
): Promise<Response> {
  const projectId = uuidParam(c.req.param("id"), "Project");
  const { loaders } = c.var.deps;
  const { value } = await loaders.read(
    loaders.resources.dashboard(ctx.tenant.id, projectId),
    ctx.user.id,
  );
  const dashboard = found(value, "Project");
  return page(
    c,
    <ProjectPage
      dashboard={dashboard}
      user={ctx.user}
      tenant={ctx.tenant}
      role={ctx.role}
      form={form}
      context={{ body: contextJson(ctx), etag: contextEtagOf(c, ctx) }}
    />,
    422,
  );
}
