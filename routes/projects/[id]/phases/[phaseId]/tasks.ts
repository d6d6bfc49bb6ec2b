/**
 * `POST /projects/:id/phases/:phaseId/tasks` (`title`, `note`, `assignee`): adds a task to a phase.
 *
 * @module
 */
import { addTask } from "../../../../../lib/db/tasks.ts";
import { formWrite } from "../../_form_write.ts";
import { taskForm, taskInput } from "../../tasks/_form.ts";

/** The new-task handler. */
export const handler = formWrite({
  schema: taskForm,
  params: { phaseId: "Phase" },
  form: (ids) => ({ form: "task", id: `new:${ids.phaseId}` }),
  what: "Phase",
  write: ({ db, scope, data, ids }) => addTask(db, scope, ids.phaseId, taskInput(data)),
  anchor: (task) => `task-${task.id}`,
});
