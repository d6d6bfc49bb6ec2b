/**
 * `POST /projects/:id/tasks/:taskId/move` (`direction`: `up` or `down`): reorders a phase's tasks.
 *
 * @module
 */
import { moveTask } from "../../../../../lib/db/tasks.ts";
import { moveWrite } from "../../_form_write.ts";

/** The task move handler. */
export const handler = moveWrite(
  { taskId: "Task" },
  "Task",
  moveTask,
  (ids) => `task-${ids.taskId}`,
);
