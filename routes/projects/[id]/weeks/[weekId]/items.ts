/**
 * `POST /projects/:id/weeks/:weekId/items` (`text`): adds an item to a week's checklist.
 *
 * @module
 */
import { z } from "zod";
import { textField } from "../../../../../lib/http/text.ts";
import { addMilestoneItem } from "../../../../../lib/db/milestones.ts";
import { formWrite } from "../../_form_write.ts";

const schema = z.object({ text: textField({ label: "the item", min: 1, max: 300 }) });

/** The new-item handler. */
export const handler = formWrite({
  schema,
  params: { weekId: "Week" },
  form: (ids) => ({ form: "milestone-item", id: ids.weekId }),
  what: "Week",
  write: ({ db, scope, data, ids }) => addMilestoneItem(db, scope, ids.weekId, data.text),
  anchor: (item) => `milestone-item-${item.id}`,
});
