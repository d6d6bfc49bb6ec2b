/**
 * The team row form, shared by adding and editing a row of the team table.
 *
 * @module
 */
import { z } from "zod";
import { textField } from "../../../../lib/http/text.ts";
import type { TeamRowInput } from "../../../../lib/db/team.ts";

const PERCENT = "Enter a whole number from 0 to 100";

/**
 * A team row's fields: `member`, `status`, `status_label`, `current_task`, `progress` (a whole
 * number from 0 to 100).
 *
 * @example
 * ```ts
 * import { teamRowForm } from "./_form.ts";
 * teamRowForm.parse({ member: "Ada", progress: "40" }).progress; // 40
 * ```
 */
export const teamRowForm = z.object({
  member: textField({ label: "the member's name", min: 1, max: 120 }),
  status: z.enum(["green", "yellow", "red"], "Choose green, yellow or red").default("red"),
  status_label: textField({ label: "the status label", max: 60 }),
  current_task: textField({ label: "the current task", max: 200 }),
  progress: z.string().trim().default("0")
    .refine((text) => /^\d{1,3}$/.test(text) && Number(text) <= 100, PERCENT)
    .transform(Number),
});

/**
 * The team row a valid form describes.
 *
 * @example
 * ```ts
 * import { teamRowForm, teamRowInput } from "./_form.ts";
 * teamRowInput(teamRowForm.parse({ member: "Ada", status: "green" })).health; // "green"
 * ```
 */
export function teamRowInput(data: z.output<typeof teamRowForm>): TeamRowInput {
  return {
    member: data.member,
    health: data.status,
    statusLabel: data.status_label,
    currentTask: data.current_task,
    progress: data.progress,
  };
}
