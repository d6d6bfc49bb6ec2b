/**
 * `POST /projects` (`name`, `description`): starts a project and answers 303 to its dashboard.
 * Owners and members only.
 *
 * @module
 */
import { z } from "zod";
import type { Handlers } from "../../lib/app/deps.ts";
import { withRole } from "../../lib/app/respond.ts";
import { formFields, wantsJson } from "../../lib/http/form.ts";
import { textField } from "../../lib/http/text.ts";
import { EDITOR_ROLES } from "../../lib/model/context.ts";
import { createProject } from "../../lib/db/project_settings.ts";
import { fieldErrors } from "./[id]/_write.tsx";
import { homeFormFailed } from "./_home_form.tsx";

const schema = z.object({
  name: textField({ label: "the project's name", min: 1, max: 200 }),
  description: textField({ label: "the description", max: 2000, multiline: true }),
});

/** The new-project handler. */
export const handler: Handlers = {
  GET: (c) => c.redirect("/", 303),
  async POST(c) {
    const ctx = withRole(c, EDITOR_ROLES);
    const fields = await formFields(c);
    const parsed = schema.safeParse(fields);
    if (!parsed.success) {
      return await homeFormFailed(c, ctx, {
        form: "project",
        values: fields,
        errors: fieldErrors(parsed.error),
      });
    }
    const { db, writeThrough, loaders } = c.var.deps;
    const tenantId = ctx.tenant.id;
    const refill = [loaders.resources.projectList(tenantId), loaders.resources.catalog(tenantId)];
    const id = await writeThrough(() => createProject(db, tenantId, parsed.data), { refill });
    if (wantsJson(c)) return c.json({ id }, 201);
    return c.redirect(`/projects/${id}`, 303);
  },
};
