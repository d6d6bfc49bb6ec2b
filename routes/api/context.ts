/**
 * `GET /api/context`: the request context as JSON — user, tenant, role, preferences and the
 * flags evaluated for the user — ETag-aware like the pages.
 *
 * @module
 */
import type { Handlers } from "../../lib/app/deps.ts";
import { CONTEXT_PATH } from "../../lib/model/api.ts";
import { respond } from "./_answer.ts";

/** The context handler. */
export const handler: Handlers = {
  GET: (c) => respond(c, CONTEXT_PATH),
};
