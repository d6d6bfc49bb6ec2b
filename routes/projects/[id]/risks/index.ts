/**
 * `POST /projects/:id/risks` (`title`, `impact`, `probability`, `mitigation`, `owner`): adds a
 * risk to the register.
 *
 * @module
 */
import type { Handlers } from "../../../../lib/app/deps.ts";
import { formFields } from "../../../../lib/http/form.ts";
import { createRisk } from "../../../../lib/db/risks.ts";
import { fieldErrors, invalid, writeProject, writeScope, written } from "../_write.tsx";
import { riskForm } from "./_form.ts";

/** The new-risk handler. */
export const handler: Handlers = {
  async POST(c) {
    const { ctx, scope } = await writeScope(c);
    const fields = await formFields(c);
    const parsed = riskForm.safeParse(fields);
    if (!parsed.success) {
      return invalid(c, ctx, { form: "risk", values: fields, errors: fieldErrors(parsed.error) });
    }
    const { db } = c.var.deps;
    const risk = await writeProject(c, scope, "Project", () => createRisk(db, scope, parsed.data));
    return written(c, scope, "risks", { risk });
  },
};
