/**
 * `POST /projects/:id/tasks/:taskId/delete`: removes a task.
 *
 * @module
 */
import { deleteTask } from "../../../../../lib/db/tasks.ts";
import { deleteWrite } from "../../_form_write.ts";

/** The task delete handler. */
export const handler = deleteWrite({ taskId: "Task" }, "Task", deleteTask, () => "phases");
