/**
 * `POST /projects/:id/actions/:itemId` (`done`: `true` or `false`): ticks or unticks a next action.
 *
 * @module
 */
import { z } from "zod";
import { setNextActionDone } from "../../../../lib/db/next_actions.ts";
import { booleanField, formWrite } from "../_form_write.ts";

const schema = z.object({ done: booleanField });

/** The tick handler. */
export const handler = formWrite({
  schema,
  params: { itemId: "Action" },
  form: (ids) => ({ form: "action", id: ids.itemId }),
  what: "Action",
  write: ({ db, scope, data, ids }) => setNextActionDone(db, scope, ids.itemId, data.done),
  anchor: (_, ids) => `action-${ids.itemId}`,
});
