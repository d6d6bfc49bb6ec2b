/**
 * `POST /projects/:id/restore`: an archived project returns to the project list.
 *
 * @module
 */
import type { Handlers } from "../../../lib/app/deps.ts";
import { restoreProject } from "../../../lib/db/project_settings.ts";
import { writeProject, writeScope, written } from "./_write.tsx";

/** The restore handler. */
export const handler: Handlers = {
  async POST(c) {
    const { scope } = await writeScope(c);
    const { db } = c.var.deps;
    const result = await writeProject(c, scope, "Project", () => restoreProject(db, scope));
    return written(c, scope, "project", { result });
  },
};
