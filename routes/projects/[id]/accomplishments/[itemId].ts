/**
 * `POST /projects/:id/accomplishments/:itemId` (`title`, `owner`, `details`): changes a key accomplishment.
 *
 * @module
 */
import { z } from "zod";
import { textField } from "../../../../lib/http/text.ts";
import {
  type AccomplishmentInput,
  updateAccomplishment,
} from "../../../../lib/db/accomplishments.ts";
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

/** The deliverable edit handler. */
export const handler = formWrite({
  schema,
  params: { itemId: "Accomplishment" },
  form: (ids) => ({ form: "accomplishment", id: ids.itemId }),
  what: "Accomplishment",
  write: ({ db, scope, data, ids }) => updateAccomplishment(db, scope, ids.itemId, input(data)),
  anchor: (_, ids) => `accomplishment-${ids.itemId}`,
});
