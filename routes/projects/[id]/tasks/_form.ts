/**
 * The task form, shared by adding a task to a phase and editing a task.
 *
 * @module
 */
import { z } from "zod";
import { textField } from "../../../../lib/http/text.ts";
import type { TaskInput } from "../../../../lib/db/tasks.ts";

/**
 * A task's fields: `title`, `note`, `assignee`.
 *
 * @example
 * ```ts
 * import { taskForm } from "./_form.ts";
 * taskForm.parse({ title: "Deploy", note: "after review" });
 * ```
 */
export const taskForm = z.object({
  title: textField({ label: "the task", min: 1, max: 300 }),
  note: textField({ label: "the note", max: 300 }),
  assignee: textField({ label: "the assignee", max: 120 }),
});

/**
 * The task a valid form describes; no assignee is null.
 *
 * @example
 * ```ts
 * import { taskForm, taskInput } from "./_form.ts";
 * taskInput(taskForm.parse({ title: "Deploy" })); // { title: "Deploy", note: "", assignee: null }
 * ```
 */
export function taskInput(data: z.output<typeof taskForm>): TaskInput {
  return { title: data.title, note: data.note, assignee: data.assignee || null };
}
