/**
 * `POST /members/:userId/delete`: removes a person from the tenant; their sessions here end.
 * The last owner cannot be removed (422).
 *
 * @module
 */
import type { Handlers } from "../../../lib/app/deps.ts";
import { page, withRole } from "../../../lib/app/respond.ts";
import { HttpError, uuidParam } from "../../../lib/http/errors.ts";
import { removeMember } from "../../../lib/db/members.ts";
import { membersPage } from "../_page.tsx";
import { OWNERS } from "../index.tsx";

/** The remove handler. */
export const handler: Handlers = {
  async POST(c) {
    const ctx = withRole(c, OWNERS);
    const userId = uuidParam(c.req.param("userId"), "Person");
    const { db, writeThrough } = c.var.deps;
    const change = await writeThrough(() => removeMember(db, ctx.tenant.id, userId));
    if (!change.ok && change.reason === "not-found") throw new HttpError(404, "Person not found");
    if (!change.ok) {
      const notice = "The last owner cannot be removed: make someone else an owner first.";
      return page(c, await membersPage(c, ctx, { notice }), 422);
    }
    return c.redirect("/members", 303);
  },
};
