/**
 * `GET /api/projects`: the tenant's project list as JSON — the summaries the home page's
 * cards show — ETag-aware like the pages.
 *
 * @module
 */
import type { Handlers } from "../../../lib/app/deps.ts";
import { PROJECT_LIST_PATH } from "../../../lib/model/api.ts";
import { respond } from "../_answer.ts";

/** The project list handler. */
export const handler: Handlers = {
  GET: (c) => respond(c, PROJECT_LIST_PATH),
};
