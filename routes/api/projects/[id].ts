/**
 * `GET /api/projects/:id`: a project's dashboard data as JSON, ETag-aware like the pages.
 *
 * @module
 */
import type { Handlers } from "../../../lib/app/deps.ts";
import { respond } from "../_answer.ts";

/** The dashboard data handler. */
export const handler: Handlers = {
  GET: (c) => respond(c, c.req.path),
};
