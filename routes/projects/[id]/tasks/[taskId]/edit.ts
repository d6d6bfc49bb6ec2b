/**
 * `POST /projects/:id/tasks/:taskId/edit` (`title`, `note`, `assignee`): changes a task.
 *
 * @module
 */
import { z } from "zod";
import { textField } from "../../../../../lib/http/text.ts";
import { updateTask } from "../../../../../lib/db/tasks.ts";
import { formWrite } from "../../_form_write.ts";

const schema = z.object({
  title: textField({ label: "the task", min: 1, max: 300 }),
  note: textField({ label: "the note", max: 300 }),
  assignee: textField({ label: "the assignee", max: 120 }),
});

/** The task edit handler. */
export const handler = formWrite({
  schema,
  params: { taskId: "Task" },
  form: (ids) => ({ form: "task", id: ids.taskId }),
  what: "Task",
  write: ({ db, scope, data, ids }) =>
    updateTask(db, scope, ids.taskId, {
      title: data.title,
      note: data.note,
      assignee: data.assignee || null,
    }),
  anchor: (_, ids) => `task-${ids.taskId}`,
});
