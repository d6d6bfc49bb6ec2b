/**
 * `POST /projects/:id/blockers` (`text`): records an active blocker; the summary's Blockers row counts it.
 *
 * @module
 */
import { z } from "zod";
import { textField } from "../../../../lib/http/text.ts";
import { addBlocker } from "../../../../lib/db/blockers.ts";
import { formWrite } from "../_form_write.ts";

const schema = z.object({ text: textField({ label: "the blocker", min: 1, max: 500 }) });

/** The new-blocker handler. */
export const handler = formWrite({
  schema,
  form: () => ({ form: "blocker" }),
  what: "Project",
  write: ({ db, scope, data }) => addBlocker(db, scope, data.text),
  anchor: () => "blockers",
});
