/**
 * The key accomplishment form, shared by adding and editing a deliverable.
 *
 * @module
 */
import { z } from "zod";
import { textField } from "../../../../lib/http/text.ts";
import type { AccomplishmentInput } from "../../../../lib/db/accomplishments.ts";

/**
 * A deliverable's fields: `title`, `owner`, `details` (one per line, a leading `- ` allowed).
 *
 * @example
 * ```ts
 * import { accomplishmentForm } from "./_form.ts";
 * accomplishmentForm.parse({ title: "Cache live", details: "- Redis up\nDashboards cached" });
 * ```
 */
export const accomplishmentForm = z.object({
  title: textField({ label: "the deliverable", min: 1, max: 200 }),
  owner: textField({ label: "who delivered it", max: 120 }),
  details: textField({ label: "the details", max: 4000, multiline: true }),
});

/**
 * The deliverable a valid form describes: one detail a line, without bullets or empty lines;
 * no owner is null.
 *
 * @example
 * ```ts
 * import { accomplishmentForm, accomplishmentInput } from "./_form.ts";
 * const data = accomplishmentForm.parse({ title: "Docs", details: "- Guide\n\nFAQ" });
 * accomplishmentInput(data); // { title: "Docs", owner: null, details: ["Guide", "FAQ"] }
 * ```
 */
export function accomplishmentInput(
  data: z.output<typeof accomplishmentForm>,
): AccomplishmentInput {
  const details = data.details.split("\n").map((line) => line.replace(/^-\s+/, "").trim());
  return { title: data.title, owner: data.owner || null, details: details.filter(Boolean) };
}
