/**
 * What the project-creating routes share: the home page again with a failed form (422), or its
 * message as JSON.
 *
 * @module
 */
import type { Context } from "hono";
import type { AppEnv } from "../../lib/app/deps.ts";
import { page } from "../../lib/app/respond.ts";
import { wantsJson } from "../../lib/http/form.ts";
import type { RequestContext } from "../../lib/resources/context.ts";
import { type HomeForm, HomePage } from "../index.tsx";

/**
 * Answers a failed new-project or import form: 422 JSON with the message (and `line`, when
 * the message names one), or the home page with the form shown again.
 *
 * @example
 * ```ts ignore
 * return await homeFormFailed(c, ctx, { form: "import", values, errors: { markdown: message } });
 * ```
 */
export async function homeFormFailed(
  c: Context<AppEnv>,
  ctx: RequestContext,
  failed: HomeForm,
  extra: Record<string, unknown> = {},
): Promise<Response> {
  const message = Object.values(failed.errors)[0];
  if (wantsJson(c)) return c.json({ error: message, errors: failed.errors, ...extra }, 422);
  const { loaders } = c.var.deps;
  const { value: projects } = await loaders.projectList(ctx.tenant.id, ctx.user.id);
  return page(
    c,
    <HomePage
      tenant={ctx.tenant}
      user={ctx.user}
      role={ctx.role}
      projects={projects}
      failed={failed}
    />,
    422,
  );
}
