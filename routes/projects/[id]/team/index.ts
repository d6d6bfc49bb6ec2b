/**
 * `POST /projects/:id/team` (`member`, `status`, `status_label`, `current_task`, `progress`): adds a row to the team table.
 *
 * @module
 */
import { z } from "zod";
import { textField } from "../../../../lib/http/text.ts";
import { addTeamRow, type TeamRowInput } from "../../../../lib/db/team.ts";
import { formWrite } from "../_form_write.ts";

const PERCENT = "Enter a whole number from 0 to 100";

const schema = z.object({
  member: textField({ label: "the member's name", min: 1, max: 120 }),
  status: z.enum(["green", "yellow", "red"], "Choose green, yellow or red").default("red"),
  status_label: textField({ label: "the status label", max: 60 }),
  current_task: textField({ label: "the current task", max: 200 }),
  progress: z.string().trim().default("0")
    .refine((text) => /^\d{1,3}$/.test(text) && Number(text) <= 100, PERCENT)
    .transform(Number),
});

function input(data: z.output<typeof schema>): TeamRowInput {
  return {
    member: data.member,
    health: data.status,
    statusLabel: data.status_label,
    currentTask: data.current_task,
    progress: data.progress,
  };
}

/** The new-row handler. */
export const handler = formWrite({
  schema,
  form: () => ({ form: "team" }),
  what: "Project",
  write: ({ db, scope, data }) => addTeamRow(db, scope, input(data)),
  anchor: () => "team",
});
