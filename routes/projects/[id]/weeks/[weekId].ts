/**
 * `POST /projects/:id/weeks/:weekId` (`title`, `note`): renames a week of the milestones.
 *
 * @module
 */
import { z } from "zod";
import { textField } from "../../../../lib/http/text.ts";
import { updateMilestone } from "../../../../lib/db/milestones.ts";
import { formWrite } from "../_form_write.ts";

const schema = z.object({
  title: textField({ label: "the week", min: 1, max: 200 }),
  note: textField({ label: "the note", max: 200 }),
});

/** The week edit handler. */
export const handler = formWrite({
  schema,
  params: { weekId: "Week" },
  form: (ids) => ({ form: "milestone", id: ids.weekId }),
  what: "Week",
  write: ({ db, scope, data, ids }) =>
    updateMilestone(db, scope, ids.weekId, { title: data.title, note: data.note || null }),
  anchor: () => "milestones",
});
