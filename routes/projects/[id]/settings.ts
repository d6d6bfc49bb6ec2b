/**
 * `POST /projects/:id/settings` (`name`, `description`, `status`, `health`, `owner`, `update_frequency`, `review_cycle`): the project's header and footer.
 *
 * @module
 */
import { z } from "zod";
import { textField } from "../../../lib/http/text.ts";
import { updateProjectSettings } from "../../../lib/db/project_settings.ts";
import { formWrite } from "./_form_write.ts";

const schema = z.object({
  name: textField({ label: "the name", min: 1, max: 200 }),
  description: textField({ label: "the description", max: 2000, multiline: true }),
  status: textField({ label: "the status", max: 80 }),
  health: z.enum(["green", "yellow", "red"], "Choose green, yellow or red").default("green"),
  owner: textField({ label: "the owner", max: 120 }),
  update_frequency: textField({ label: "the update frequency", max: 120 }),
  review_cycle: textField({ label: "the review cycle", max: 120 }),
});

/** The settings handler. */
export const handler = formWrite({
  schema,
  form: () => ({ form: "settings" }),
  what: "Project",
  write: ({ db, scope, data }) =>
    updateProjectSettings(db, scope, {
      name: data.name,
      description: data.description,
      status: data.status || "Active Development",
      health: data.health,
      owner: data.owner,
      updateFrequency: data.update_frequency || null,
      reviewCycle: data.review_cycle || null,
    }),
  anchor: () => "project",
});
