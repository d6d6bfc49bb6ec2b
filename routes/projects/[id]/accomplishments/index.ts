/**
 * `POST /projects/:id/accomplishments` (`title`, `owner`, `details`, one per line): adds a key accomplishment.
 *
 * @module
 */
import { addAccomplishment } from "../../../../lib/db/accomplishments.ts";
import { formWrite } from "../_form_write.ts";
import { accomplishmentForm, accomplishmentInput } from "./_form.ts";

/** The new-deliverable handler. */
export const handler = formWrite({
  schema: accomplishmentForm,
  form: () => ({ form: "accomplishment" }),
  what: "Project",
  write: ({ db, scope, data }) => addAccomplishment(db, scope, accomplishmentInput(data)),
  anchor: (item) => `accomplishment-${item.id}`,
});
