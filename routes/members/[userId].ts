/**
 * `POST /members/:userId` (`role`): changes a person's role. The last owner cannot be demoted
 * (422).
 *
 * @module
 */
import { z } from "zod";
import type { Handlers } from "../../lib/app/deps.ts";
import { page, withRole } from "../../lib/app/respond.ts";
import { HttpError, uuidParam } from "../../lib/http/errors.ts";
import { formFields } from "../../lib/http/form.ts";
import { changeMemberRole } from "../../lib/db/members.ts";
import { membersPage } from "./_page.tsx";
import { OWNERS } from "./index.tsx";

const schema = z.object({ role: z.enum(["owner", "admin", "member", "viewer"], "Choose a role") });

/** The role handler. */
export const handler: Handlers = {
  async POST(c) {
    const ctx = withRole(c, OWNERS);
    const userId = uuidParam(c.req.param("userId"), "Person");
    const parsed = schema.safeParse(await formFields(c));
    if (!parsed.success) throw new HttpError(422, parsed.error.issues[0].message);
    const { db, writeThrough } = c.var.deps;
    const change = await writeThrough(() =>
      changeMemberRole(db, ctx.tenant.id, userId, parsed.data.role)
    );
    if (!change.ok && change.reason === "not-found") throw new HttpError(404, "Person not found");
    if (!change.ok) {
      const notice = "The last owner cannot be demoted: make someone else an owner first.";
      return page(c, await membersPage(c, ctx, { notice }), 422);
    }
    return c.redirect("/members", 303);
  },
};
