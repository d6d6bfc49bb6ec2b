/**
 * `POST /projects/:id/actions` (`group`: Immediate, This Week or Next Week; `text`): adds a next action.
 *
 * @module
 */
import { z } from "zod";
import { textField } from "../../../../lib/http/text.ts";
import { addNextAction } from "../../../../lib/db/next_actions.ts";
import { formWrite } from "../_form_write.ts";

const schema = z.object({
  group: z.enum(
    ["Immediate", "This Week", "Next Week"],
    "Choose Immediate, This Week or Next Week",
  ),
  text: textField({ label: "the action", min: 1, max: 300 }),
});

/** The new-action handler. */
export const handler = formWrite({
  schema,
  form: () => ({ form: "action" }),
  what: "Project",
  write: ({ db, scope, data }) => addNextAction(db, scope, data),
  anchor: (item) => `action-${item.id}`,
});
