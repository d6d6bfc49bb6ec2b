/**
 * `POST /projects/:id/accomplishments/:itemId` (`title`, `owner`, `details`): changes a key accomplishment.
 *
 * @module
 */
import { updateAccomplishment } from "../../../../lib/db/accomplishments.ts";
import { formWrite } from "../_form_write.ts";
import { accomplishmentForm, accomplishmentInput } from "./_form.ts";

/** The deliverable edit handler. */
export const handler = formWrite({
  schema: accomplishmentForm,
  params: { itemId: "Accomplishment" },
  form: (ids) => ({ form: "accomplishment", id: ids.itemId }),
  what: "Accomplishment",
  write: ({ db, scope, data, ids }) =>
    updateAccomplishment(db, scope, ids.itemId, accomplishmentInput(data)),
  anchor: (_, ids) => `accomplishment-${ids.itemId}`,
});
