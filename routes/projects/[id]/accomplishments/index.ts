/**
 * `POST /projects/:id/accomplishments` (`title`, `owner`, `details`, one per line): adds a key accomplishment.
 *
 * @module
 */
import { z } from "zod";
import { textField } from "../../../../lib/http/text.ts";
import { type AccomplishmentInput, addAccomplishment } from "../../../../lib/db/accomplishments.ts";
import { formWrite } from "../_form_write.ts";

const schema = z.object({
  title: textField({ label: "the deliverable", min: 1, max: 200 }),
  owner: textField({ label: "who delivered it", max: 120 }),
  details: textField({ label: "the details", max: 4000, multiline: true }),
});

function input(data: z.output<typeof schema>): AccomplishmentInput {
  const details = data.details.split("\n").map((line) => line.replace(/^-\s+/, "").trim());
  return { title: data.title, owner: data.owner || null, details: details.filter(Boolean) };
}

/** The new-deliverable handler. */
export const handler = formWrite({
  schema,
  form: () => ({ form: "accomplishment" }),
  what: "Project",
  write: ({ db, scope, data }) => addAccomplishment(db, scope, input(data)),
  anchor: (item) => `accomplishment-${item.id}`,
});
