/**
 * `GET /admin/cache/series`: the cache monitor's data as JSON, polled by its page.
 *
 * @module
 */
import type { Handlers } from "../../../lib/app/deps.ts";
import { withRole } from "../../../lib/app/respond.ts";
import { privateHeaders } from "../../../lib/http/headers.ts";
import { ADMIN_ROLES } from "../../../lib/model/context.ts";
import { metricsAllowed, monitorPayload } from "../../../lib/metrics/mod.ts";

/** The monitor data handler. */
export const handler: Handlers = {
  GET(c) {
    const ctx = withRole(c, ADMIN_ROLES);
    privateHeaders(c);
    return c.json(
      monitorPayload(c.var.deps, ctx, { operator: metricsAllowed(c, c.var.deps.config) }),
    );
  },
};
