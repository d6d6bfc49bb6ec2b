/**
 * `POST /admin/flags/:key` (`enabled`, `rollout_percent`): sets the tenant's override of a
 * flag, never the global default; the change is logged to each of the tenant's projects.
 *
 * @module
 */
import { z } from "zod";
import type { Handlers } from "../../../lib/app/deps.ts";
import { page, withRole } from "../../../lib/app/respond.ts";
import { formFields } from "../../../lib/http/form.ts";
import { ADMIN_ROLES } from "../../../lib/model/context.ts";
import type { FlagSetting } from "../../../lib/model/flags.ts";
import { setTenantFlag } from "../../../lib/db/flags.ts";
import { flagsPage } from "../flags.tsx";
import { changeFlag, existingKey, noSuchFlag } from "./_change.ts";

const flagForm = z.object({
  enabled: z.enum(["on", "off", "true", "false"], "Choose on or off"),
  rollout_percent: z.string("Enter a whole number from 0 to 100").trim().regex(
    /^\d{1,3}$/,
    "Enter a whole number from 0 to 100",
  )
    .transform(Number)
    .refine((n) => n <= 100, "Enter a whole number from 0 to 100"),
});

/** The flag change handler. */
export const handler: Handlers = {
  async POST(c) {
    const ctx = withRole(c, ADMIN_ROLES);
    const key = await existingKey(c, ctx);
    const fields = await formFields(c);
    const parsed = flagForm.safeParse(fields);
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        errors[String(issue.path[0] ?? "_form")] ??= issue.message;
      }
      return page(c, await flagsPage(c, ctx, { key, values: fields, errors }), 422);
    }
    const setting: FlagSetting = {
      enabled: parsed.data.enabled === "on" || parsed.data.enabled === "true",
      rolloutPercent: parsed.data.rollout_percent,
    };
    const change = { tenantId: ctx.tenant.id, key, actor: ctx.user };
    const { db } = c.var.deps;
    const { result, response } = await changeFlag(c, key, () => setTenantFlag(db, change, setting));
    if (!result) throw noSuchFlag();
    return response;
  },
};
