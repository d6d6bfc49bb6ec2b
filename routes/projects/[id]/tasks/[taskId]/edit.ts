/**
 * `POST /projects/:id/tasks/:taskId/edit` (`title`, `note`, `assignee`): changes a task.
 *
 * @module
 */
import { updateTask } from "../../../../../lib/db/tasks.ts";
import { formWrite } from "../../_form_write.ts";
import { taskForm, taskInput } from "../_form.ts";

/** The task edit handler. */
export const handler = formWrite({
  schema: taskForm,
  params: { taskId: "Task" },
  form: (ids) => ({ form: "task", id: ids.taskId }),
  what: "Task",
  write: ({ db, scope, data, ids }) => updateTask(db, scope, ids.taskId, taskInput(data)),
  anchor: (_, ids) => `task-${ids.taskId}`,
});
