/**
 * `POST /projects/:id/milestones` (`title`, `note`): adds a week to the milestones.
 *
 * @module
 */
import { z } from "zod";
import { textField } from "../../../../lib/http/text.ts";
import { addMilestone } from "../../../../lib/db/milestones.ts";
import { formWrite } from "../_form_write.ts";

const schema = z.object({
  title: textField({ label: "the week", min: 1, max: 200 }),
  note: textField({ label: "the note", max: 200 }),
});

/** The new-week handler. */
export const handler = formWrite({
  schema,
  form: () => ({ form: "milestone" }),
  what: "Project",
  write: ({ db, scope, data }) =>
    addMilestone(db, scope, { title: data.title, note: data.note || null }),
  anchor: () => "milestones",
});
