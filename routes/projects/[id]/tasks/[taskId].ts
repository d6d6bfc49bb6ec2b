/**
 * `POST /projects/:id/tasks/:taskId` (`status`): changes a task's status.
 *
 * @module
 */
import { z } from "zod";
import type { Handlers } from "../../../../lib/app/deps.ts";
import { HttpError, uuidParam } from "../../../../lib/http/errors.ts";
import { formFields } from "../../../../lib/http/form.ts";
import { setTaskStatus } from "../../../../lib/db/tasks.ts";
import { fieldErrors, writeProject, writeScope, written } from "../_write.tsx";

const taskForm = z.object({
  status: z.enum(["todo", "doing", "done"], "Choose To do, In progress or Done"),
});

/** The task status handler. */
export const handler: Handlers = {
  async POST(c) {
    const { scope } = await writeScope(c);
    const taskId = uuidParam(c.req.param("taskId"), "Task");
    const parsed = taskForm.safeParse(await formFields(c));
    if (!parsed.success) {
      throw new HttpError(422, fieldErrors(parsed.error).status ?? "Invalid status");
    }
    const { db } = c.var.deps;
    const task = await writeProject(
      c,
      scope,
      "Task",
      () => setTaskStatus(db, scope, taskId, parsed.data.status),
    );
    return written(c, scope, `task-${task.id}`, { task });
  },
};
