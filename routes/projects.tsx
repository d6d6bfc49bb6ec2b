/**
 * The tenant's projects and a project's dashboard, with its write forms:
 * `GET /`, `GET /projects/:id`, and the form posts under `/projects/:id/`.
 *
 * @module
 */
import { type Context, Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../lib/app/deps.ts";
import { found, HttpError, uuidParam } from "../lib/http/errors.ts";
import { formFields, page, signedIn, wantsJson, withRole } from "../lib/http/respond.ts";
import { contextJson, type RequestContext } from "../lib/resources/context.ts";
import { EDITOR_ROLES } from "../lib/model/context.ts";
import { contextEtag, resourceEtag, revalidate } from "../lib/resources/etag.ts";
import {
  addLogEntry,
  createRisk,
  type ProjectScope,
  setTaskStatus,
  updateMetricCurrent,
  updateRisk,
} from "../lib/db/project_writes.ts";
import { HomePage } from "./home.tsx";
import { type FormState, ProjectPage } from "./project.tsx";

const taskForm = z.object({
  status: z.enum(["todo", "doing", "done"], "Choose To do, In progress or Done"),
});
const logForm = z.object({
  text: z.string().trim().min(1, "Write something to log").max(
    4000,
    "Keep it under 4,000 characters",
  ),
});
const metricForm = z.object({
  current: z.string().trim().min(1, "Enter the current value").max(
    40,
    "Keep it under 40 characters",
  ),
});
const level = z.enum(["low", "medium", "high"], "Choose low, medium or high");
const riskForm = z.object({
  title: z.string().trim().min(1, "Name the risk").max(200, "Keep it under 200 characters"),
  impact: level,
  probability: level,
  mitigation: z.string().trim().max(1000, "Keep it under 1,000 characters"),
  owner: z.string().trim().max(120, "Keep it under 120 characters"),
});

/** The project routes. */
export const projectRoutes = new Hono<AppEnv>();

projectRoutes.get("/", async (c) => {
  const ctx = signedIn(c);
  const { loaders, htmlCache } = c.var.deps;
  const etag = resourceEtag(c, ctx, "home", "", loaders.projectListTopics(ctx.tenant.id));
  const notModified = revalidate(c, etag, { exists: true });
  if (notModified) return notModified;
  if (etag && htmlCache.has(etag)) return page(c, unreachable, 200, { etag, served: "hit" });
  const { value: projects, served } = await loaders.projectList(ctx.tenant.id, ctx.user.id);
  return page(
    c,
    () => <HomePage tenant={ctx.tenant} user={ctx.user} role={ctx.role} projects={projects} />,
    200,
    { etag, served },
  );
});

projectRoutes.get("/projects/:id", async (c) => {
  const ctx = signedIn(c);
  const { loaders, htmlCache } = c.var.deps;
  const projectId = uuidParam(c.req.param("id"), "Project");
  // The page's socket replays from here. The low-water mark, read before the versions: commits
  // arrive out of order, and an event below `lastSeq` may still be on its way. Seeing an event
  // twice costs a 304; missing one would leave the page stale.
  const seq = c.var.deps.bus.lowWater;
  const topics = loaders.dashboardTopics(projectId);
  const etag = resourceEtag(c, ctx, "dashboard", projectId, topics);
  const notModified = revalidate(c, etag);
  if (notModified) return notModified;
  // A stored page proves the project is the tenant's, so `*` may be answered from it.
  if (etag && htmlCache.has(etag)) {
    return revalidate(c, etag, { exists: true }) ??
      page(c, unreachable, 200, { etag, served: "hit" });
  }
  // Same versions as `etag` (no await since): the data loaded next is at least this new.
  const apiEtag = resourceEtag(c, ctx, "api-dashboard", projectId, topics);
  // The page's store holds the context too, to follow the user's flags (a page's ETag covers
  // the context's topics, so a stored page carries a current one).
  const context = { body: contextJson(ctx), etag: contextEtag(c, ctx) };
  const { value, served } = await loaders.dashboard(ctx.tenant.id, projectId, ctx.user.id);
  const dashboard = found(value, "Project");
  const late = revalidate(c, etag, { exists: true });
  if (late) return late;
  return page(
    c,
    () => (
      <ProjectPage
        dashboard={dashboard}
        user={ctx.user}
        tenant={ctx.tenant}
        role={ctx.role}
        apiEtag={apiEtag}
        seq={seq}
        context={context}
      />
    ),
    200,
    { etag, served },
  );
});

/** Passed as the page when the rendered page is known to be stored under its ETag. */
function unreachable(): never {
  throw new Error("A stored page was rendered again");
}

/** The dashboard again with a form's values and messages: 422, never stored. */
async function renderInvalidForm(
  c: Context<AppEnv>,
  ctx: RequestContext,
  form: FormState,
): Promise<Response> {
  const projectId = uuidParam(c.req.param("id"), "Project");
  const { value } = await c.var.deps.loaders.dashboard(ctx.tenant.id, projectId, ctx.user.id);
  const dashboard = found(value, "Project");
  return page(
    c,
    <ProjectPage
      dashboard={dashboard}
      user={ctx.user}
      tenant={ctx.tenant}
      role={ctx.role}
      form={form}
      context={{ body: contextJson(ctx), etag: contextEtag(c, ctx) }}
    />,
    422,
  );
}

/** The scope of a write: the session's tenant and the project in the URL (editors only). */
function writeScope(c: Context<AppEnv>): { ctx: RequestContext; scope: ProjectScope } {
  const ctx = withRole(c, EDITOR_ROLES);
  const projectId = uuidParam(c.req.param("id"), "Project");
  return { ctx, scope: { tenantId: ctx.tenant.id, projectId } };
}

function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "_form");
    errors[field] ??= issue.message;
  }
  return errors;
}

/**
 * After a write: refills the dashboard and the project list under the versions the write made
 * (so the readers that follow all hit), then has this instance apply those versions (so the
 * writer's next read sees its change), then JSON for an island's fetch, otherwise 303 back to
 * the dashboard. The hold taken for the write keeps other readers on the previous versions
 * meanwhile — at most the bus's `maxHoldMs`.
 */
async function written(
  c: Context<AppEnv>,
  projectId: string,
  anchor: string,
  body: object,
): Promise<Response> {
  const { afterWrite, loaders } = c.var.deps;
  const tenantId = signedIn(c).tenant.id;
  await afterWrite((versionOf) => loaders.warmProject(tenantId, projectId, versionOf));
  if (wantsJson(c)) return c.json(body);
  return c.redirect(`/projects/${projectId}#${anchor}`, 303);
}

/** Invalid input: 422 JSON for an island, or the dashboard again with the form's messages. */
function invalid(
  c: Context<AppEnv>,
  ctx: RequestContext,
  form: FormState,
): Promise<Response> | Response {
  if (wantsJson(c)) {
    return c.json({ error: Object.values(form.errors)[0], errors: form.errors }, 422);
  }
  return renderInvalidForm(c, ctx, form);
}

// A project write holds this instance's invalidations until `written` has refilled the cache.
projectRoutes.use("/projects/:id/*", async (c, next) => {
  if (c.req.method !== "POST") return await next();
  const release = c.var.deps.bus.hold();
  try {
    await next();
  } finally {
    release();
  }
});

projectRoutes.post("/projects/:id/tasks/:taskId", async (c) => {
  const { scope } = writeScope(c);
  const taskId = uuidParam(c.req.param("taskId"), "Task");
  const parsed = taskForm.safeParse(await formFields(c));
  if (!parsed.success) {
    throw new HttpError(422, fieldErrors(parsed.error).status ?? "Invalid status");
  }
  const task = found(
    await setTaskStatus(c.var.deps.db, scope, taskId, parsed.data.status),
    "Task",
  );
  return written(c, scope.projectId, `task-${task.id}`, { task });
});

projectRoutes.post("/projects/:id/log", async (c) => {
  const { ctx, scope } = writeScope(c);
  const fields = await formFields(c);
  const parsed = logForm.safeParse(fields);
  if (!parsed.success) {
    return invalid(c, ctx, { form: "log", values: fields, errors: fieldErrors(parsed.error) });
  }
  const entry = found(
    await addLogEntry(c.var.deps.db, scope, {
      author: ctx.user.name,
      authorId: ctx.user.id,
      text: parsed.data.text,
    }),
    "Project",
  );
  return written(c, scope.projectId, "log", { entry });
});

projectRoutes.post("/projects/:id/metrics/:metricId", async (c) => {
  const { ctx, scope } = writeScope(c);
  const metricId = uuidParam(c.req.param("metricId"), "Metric");
  const fields = await formFields(c);
  const parsed = metricForm.safeParse(fields);
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    return invalid(c, ctx, { form: "metric", id: metricId, values: fields, errors });
  }
  const metric = found(
    await updateMetricCurrent(c.var.deps.db, scope, metricId, parsed.data.current),
    "Metric",
  );
  return written(c, scope.projectId, "metrics", { metric });
});

projectRoutes.post("/projects/:id/risks", async (c) => {
  const { ctx, scope } = writeScope(c);
  const fields = await formFields(c);
  const parsed = riskForm.safeParse(fields);
  if (!parsed.success) {
    return invalid(c, ctx, { form: "risk", values: fields, errors: fieldErrors(parsed.error) });
  }
  const risk = found(await createRisk(c.var.deps.db, scope, parsed.data), "Project");
  return written(c, scope.projectId, "risks", { risk });
});

projectRoutes.post("/projects/:id/risks/:riskId", async (c) => {
  const { ctx, scope } = writeScope(c);
  const riskId = uuidParam(c.req.param("riskId"), "Risk");
  const fields = await formFields(c);
  const parsed = riskForm.safeParse(fields);
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    return invalid(c, ctx, { form: "risk", id: riskId, values: fields, errors });
  }
  const risk = found(await updateRisk(c.var.deps.db, scope, riskId, parsed.data), "Risk");
  return written(c, scope.projectId, "risks", { risk });
});
