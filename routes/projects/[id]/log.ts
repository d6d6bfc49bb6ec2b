/**
 * `POST /projects/:id/log` (`text`): adds a communication-log entry.
 *
 * @module
 */
import { z } from "zod";
import type { Handlers } from "../../../lib/app/deps.ts";
import { formFields } from "../../../lib/http/form.ts";
import { textField } from "../../../lib/http/text.ts";
import { addLogEntry } from "../../../lib/db/log.ts";
import { fieldErrors, invalid, writeProject, writeScope, written } from "./_write.tsx";

const logForm = z.object({
  text: textField({ label: "the entry", min: 1, max: 4000, multiline: true }),
});

/** The log handler. */
export const handler: Handlers = {
  async POST(c) {
    const { ctx, scope } = await writeScope(c);
    const fields = await formFields(c);
    const parsed = logForm.safeParse(fields);
    if (!parsed.success) {
      return invalid(c, ctx, { form: "log", values: fields, errors: fieldErrors(parsed.error) });
    }
    const { db } = c.var.deps;
    const author = { author: ctx.user.name, authorId: ctx.user.id };
    const entry = await writeProject(
      c,
      scope,
      "Project",
      () => addLogEntry(db, scope, { ...author, text: parsed.data.text }),
    );
    return written(c, scope, "log", { entry });
  },
};
