/**
 * `POST /projects/:id/risks/:riskId` (`title`, `impact`, `probability`, `mitigation`,
 * `owner`): edits a risk.
 *
 * @module
 */
import type { Handlers } from "../../../../lib/app/deps.ts";
import { uuidParam } from "../../../../lib/http/errors.ts";
import { formFields } from "../../../../lib/http/form.ts";
import { updateRisk } from "../../../../lib/db/risks.ts";
import { fieldErrors, invalid, writeProject, writeScope, written } from "../_write.tsx";
import { riskForm } from "./_form.ts";

/** The risk edit handler. */
export const handler: Handlers = {
  async POST(c) {
    const { ctx, scope } = await writeScope(c);
    const riskId = uuidParam(c.req.param("riskId"), "Risk");
    const fields = await formFields(c);
    const parsed = riskForm.safeParse(fields);
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error);
      return invalid(c, ctx, { form: "risk", id: riskId, values: fields, errors });
    }
    const { db } = c.var.deps;
    const risk = await writeProject(
      c,
      scope,
      "Risk",
      () => updateRisk(db, scope, riskId, parsed.data),
    );
    return written(c, scope, "risks", { risk });
  },
};
