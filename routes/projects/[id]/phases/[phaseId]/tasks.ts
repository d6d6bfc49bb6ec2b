/**
 * `POST /projects/:id/phases/:phaseId/tasks` (`title`, `note`, `assignee`): adds a task to a phase.
 *
 * @module
 */
import { z } from "zod";
import { textField } from "../../../../../lib/http/text.ts";
import { addTask } from "../../../../../lib/db/tasks.ts";
import { formWrite } from "../../_form_write.ts";

const schema = z.object({
  title: textField({ label: "the task", min: 1, max: 300 }),
  note: textField({ label: "the note", max: 300 }),
  assignee: textField({ label: "the assignee", max: 120 }),
});

/** The new-task handler. */
export const handler = formWrite({
  schema,
  params: { phaseId: "Phase" },
  form: (ids) => ({ form: "task", id: `new:${ids.phaseId}` }),
  what: "Phase",
  write: ({ db, scope, data, ids }) =>
    addTask(db, scope, ids.phaseId, {
      title: data.title,
      note: data.note,
      assignee: data.assignee || null,
    }),
  anchor: (task) => `task-${task.id}`,
});
