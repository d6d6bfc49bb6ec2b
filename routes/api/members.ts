/**
 * `GET /api/members`: the tenant's people as JSON — what the People page's table shows — for
 * those who may see that page (403 for others), ETag-aware like the pages.
 *
 * @module
 */
import type { Handlers } from "../../lib/app/deps.ts";
import { MEMBERS_PATH } from "../../lib/model/api.ts";
import { respond } from "./_answer.ts";

/** The people handler. */
export const handler: Handlers = {
  GET: (c) => respond(c, MEMBERS_PATH),
};
