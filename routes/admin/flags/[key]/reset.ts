/**
 * `POST /admin/flags/:key/reset`: drops the tenant's override, so the default applies again.
 *
 * @module
 */
import type { Handlers } from "../../../../lib/app/deps.ts";
import { withRole } from "../../../../lib/app/respond.ts";
import { ADMIN_ROLES } from "../../../../lib/model/context.ts";
import { resetTenantFlag } from "../../../../lib/db/flags.ts";
import { changeFlag, existingKey } from "../_change.ts";

/** The flag reset handler. */
export const handler: Handlers = {
  async POST(c) {
    const ctx = withRole(c, ADMIN_ROLES);
    const key = await existingKey(c, ctx);
    const { db } = c.var.deps;
    // Nothing to reset is no error: the default already applies.
    const change = { tenantId: ctx.tenant.id, key, actor: ctx.user };
    const { response } = await changeFlag(c, key, () => resetTenantFlag(db, change));
    return response;
  },
};
