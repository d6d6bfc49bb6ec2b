/**
 * `POST /projects/:id/milestones/:itemId` (`done`: `true` or `false`; anything else is a 422): ticks or unticks a milestone item.
 *
 * @module
 */
import { z } from "zod";
import { setMilestoneItemDone } from "../../../../lib/db/milestones.ts";
import { booleanField, formWrite } from "../_form_write.ts";

const schema = z.object({ done: booleanField });

/** The tick handler. */
export const handler = formWrite({
  schema,
  params: { itemId: "Milestone item" },
  form: (ids) => ({ form: "milestone-item", id: ids.itemId }),
  what: "Milestone item",
  write: ({ db, scope, data, ids }) => setMilestoneItemDone(db, scope, ids.itemId, data.done),
  anchor: (_, ids) => `milestone-item-${ids.itemId}`,
});
