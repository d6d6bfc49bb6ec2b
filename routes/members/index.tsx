/**
 * `GET /members`: the tenant's people, for owners. `POST /members` (`email`, `name`, `role`):
 * adds a person; someone new gets a one-time sign-in link, valid 24 hours, shown to the owner
 * once (there is no mail server) for them to set a password.
 *
 * @module
 */
import { z } from "zod";
import type { Handlers } from "../../lib/app/deps.ts";
import { page, withRole } from "../../lib/app/respond.ts";
import { formFields } from "../../lib/http/form.ts";
import { textField } from "../../lib/http/text.ts";
import { addMember } from "../../lib/db/members.ts";
import { fieldErrors } from "../projects/[id]/_write.tsx";
import { membersPage } from "./_page.tsx";

/** Who may manage people. */
export const OWNERS = ["owner"] as const;

const schema = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email("Enter a valid email address")),
  name: textField({ label: "the name", max: 120 }),
  role: z.enum(["owner", "admin", "member", "viewer"], "Choose a role"),
});

/** The people handlers. */
export const handler: Handlers = {
  async GET(c) {
    const ctx = withRole(c, OWNERS);
    return page(c, await membersPage(c, ctx));
  },

  async POST(c) {
    const ctx = withRole(c, OWNERS);
    const fields = await formFields(c);
    const parsed = schema.safeParse(fields);
    if (!parsed.success) {
      const failed = { values: fields, errors: fieldErrors(parsed.error) };
      return page(c, await membersPage(c, ctx, { failed }), 422);
    }
    const { db, writeThrough } = c.var.deps;
    const { email, name, role } = parsed.data;
    const result = await writeThrough(() =>
      addMember(db, ctx.tenant.id, { email, role, name: name || undefined, invitedBy: ctx.user.id })
    );
    if (result.status === "invited") {
      const link = new URL(`/invite/${result.token}`, c.req.url).href;
      const invited = { email, link, expiresAt: result.expiresAt };
      // The link is shown in this answer only: never stored, never redirected to.
      return page(c, await membersPage(c, ctx, { invited }), 201, undefined, { noStore: true });
    }
    const notice = result.status === "added"
      ? `${email} is a member now and signs in with their password.`
      : `${email} is already a member.`;
    return page(c, await membersPage(c, ctx, { notice }));
  },
};
