/**
 * `POST /projects/:id/archive`: the project leaves the project list; it stays reachable.
 *
 * @module
 */
import type { Handlers } from "../../../lib/app/deps.ts";
import { archiveProject } from "../../../lib/db/project_settings.ts";
import { writeProject, writeScope, written } from "./_write.tsx";

/** The archive handler. */
export const handler: Handlers = {
  async POST(c) {
    const { scope } = await writeScope(c);
    const { db } = c.var.deps;
    const result = await writeProject(c, scope, "Project", () => archiveProject(db, scope));
    return written(c, scope, "project", { result });
  },
};
