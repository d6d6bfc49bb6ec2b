/**
 * The tenant's feature flags, for owners and admins: `GET /admin/flags`, and
 * `POST /admin/flags/:key` (`enabled`, `rollout_percent`) and `POST /admin/flags/:key/reset`,
 * each a form post and a 303 back. The tenant is the session's; a change writes the tenant's
 * override, never the global default, and is logged to each of the tenant's projects.
 *
 * @module
 */
import { type Context, Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../lib/app/deps.ts";
import { HttpError } from "../lib/http/errors.ts";
import { formFields, page, withRole } from "../lib/http/respond.ts";
import { ADMIN_ROLES } from "../lib/model/context.ts";
import type { RequestContext } from "../lib/resources/context.ts";
import {
  findTenantFlag,
  listTenantFlags,
  resetTenantFlag,
  setTenantFlag,
  type TenantFlag,
} from "../lib/db/flags.ts";
import type { FlagSetting } from "../lib/model/flags.ts";
import { Layout } from "./_layout.tsx";
import { fieldAria, FieldError, FormAlert, TableWrap } from "./_components/ui.tsx";

const FLAG_KEY = /^[a-z][a-z0-9_]{0,62}$/;

const flagForm = z.object({
  enabled: z.enum(["on", "off", "true", "false"], "Choose on or off"),
  rollout_percent: z.string("Enter a whole number from 0 to 100").trim().regex(
    /^\d{1,3}$/,
    "Enter a whole number from 0 to 100",
  )
    .transform(Number)
    .refine((n) => n <= 100, "Enter a whole number from 0 to 100"),
});

/** A rejected form: which flag, what was sent, and a message per field. */
export interface FlagFormState {
  key: string;
  values: Record<string, string>;
  errors: Record<string, string>;
}

/** The flag administration routes. */
export const adminFlagRoutes = new Hono<AppEnv>();

adminFlagRoutes.get("/admin/flags", async (c) => {
  const ctx = withRole(c, ADMIN_ROLES);
  return page(c, await flagsPage(c, ctx));
});

adminFlagRoutes.post("/admin/flags/:key", async (c) => {
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
  if (!await setTenantFlag(c.var.deps.db, change, setting)) throw notFound();
  return await changed(c, key);
});

adminFlagRoutes.post("/admin/flags/:key/reset", async (c) => {
  const ctx = withRole(c, ADMIN_ROLES);
  const key = await existingKey(c, ctx);
  // Nothing to reset is no error: the default already applies.
  await resetTenantFlag(c.var.deps.db, { tenantId: ctx.tenant.id, key, actor: ctx.user });
  return await changed(c, key);
});

function notFound(): HttpError {
  return new HttpError(404, "No such flag");
}

/** The flag in the URL, if the tenant has it (a default or an override); 404 otherwise. */
async function existingKey(c: Context<AppEnv>, ctx: RequestContext): Promise<string> {
  const key = c.req.param("key") ?? "";
  if (!FLAG_KEY.test(key)) throw notFound();
  if (!await findTenantFlag(c.var.deps.db, ctx.tenant.id, key)) throw notFound();
  return key;
}

/**
 * After a change: waits until this instance has applied the version bumps and reloaded its
 * flag table, so the next request — the redirect — already runs under the new setting.
 */
async function changed(c: Context<AppEnv>, key: string): Promise<Response> {
  const { afterWrite, flags } = c.var.deps;
  await afterWrite();
  await flags.refresh();
  return c.redirect(`/admin/flags#flag-${key}`, 303);
}

async function flagsPage(c: Context<AppEnv>, ctx: RequestContext, form?: FlagFormState) {
  const flags = await listTenantFlags(c.var.deps.db, ctx.tenant.id);
  return <FlagsPage ctx={ctx} flags={flags} form={form} />;
}

/** Properties of {@linkcode FlagsPage}. */
export interface FlagsPageProps {
  ctx: RequestContext;
  flags: TenantFlag[];
  /** A rejected form to show again with its messages. */
  form?: FlagFormState;
}

/**
 * The flag administration page: each flag's default, the tenant's override, what is in effect
 * and whether it is on for the viewer, with forms to change it.
 *
 * @example
 * ```tsx
 * render(<FlagsPage ctx={ctx} flags={await listTenantFlags(db, ctx.tenant.id)} />);
 * ```
 */
export function FlagsPage(props: FlagsPageProps) {
  const { ctx, flags, form } = props;
  return (
    <Layout title="Feature flags" user={ctx.user} tenant={ctx.tenant} role={ctx.role}>
      <header class="page-header">
        <h1>Feature flags</h1>
        <p class="lead">
          {ctx.tenant.name}'s flags. A setting here overrides the default for this tenant only; a
          rollout below 100% turns the flag on for that share of users, each always in the same
          group. Every change is written to the log of each project.
        </p>
      </header>
      {flags.length === 0
        ? <p class="card empty">No flags are defined.</p>
        : (
          <TableWrap label="Feature flags">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">Flag</th>
                  <th scope="col">Default</th>
                  <th scope="col">This tenant</th>
                  <th scope="col">In effect</th>
                  <th scope="col">For you</th>
                  <th scope="col">Change</th>
                </tr>
              </thead>
              <tbody>
                {flags.map((flag) => (
                  <FlagRow
                    key={flag.key}
                    flag={flag}
                    forYou={ctx.flags[flag.key] ?? false}
                    form={form?.key === flag.key ? form : undefined}
                  />
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
    </Layout>
  );
}

function describe(setting: FlagSetting | null): string {
  if (!setting) return "—";
  return setting.enabled ? `On · ${setting.rolloutPercent}%` : "Off";
}

function FlagRow(props: { flag: TenantFlag; forYou: boolean; form?: FlagFormState }) {
  const { flag, form } = props;
  const errors = form?.errors ?? {};
  const id = `flag-${flag.key}`;
  const enabled = form?.values.enabled ?? (flag.effective.enabled ? "on" : "off");
  const percent = form?.values.rollout_percent ?? String(flag.effective.rolloutPercent);
  return (
    <tr id={id} data-flag={flag.key}>
      <th scope="row">
        <code>{flag.key}</code>
        {flag.description && <p class="hint">{flag.description}</p>}
      </th>
      <td>{describe(flag.global)}</td>
      <td data-cell="override">{flag.override ? describe(flag.override) : "Default"}</td>
      <td data-cell="effective">{describe(flag.effective)}</td>
      <td data-cell="for-you">{props.forYou ? "On" : "Off"}</td>
      <td>
        <form method="post" action={`/admin/flags/${flag.key}`} class="inline-form">
          <FormAlert errors={errors} fields={["enabled", "rollout_percent"]} />
          <label class="visually-hidden" for={`${id}-enabled`}>{flag.key}: on or off</label>
          <select
            id={`${id}-enabled`}
            name="enabled"
            {...fieldAria(`${id}-enabled`, errors.enabled)}
          >
            <option value="on" selected={enabled === "on" || enabled === "true"}>On</option>
            <option value="off" selected={enabled === "off" || enabled === "false"}>Off</option>
          </select>
          <label class="visually-hidden" for={`${id}-percent`}>{flag.key}: rollout percent</label>
          <input
            id={`${id}-percent`}
            name="rollout_percent"
            type="number"
            min={0}
            max={100}
            step={1}
            required
            value={percent}
            {...fieldAria(`${id}-percent`, errors.rollout_percent)}
          />
          <span class="unit">%</span>
          <button type="submit" class="button button--small button--primary">Save</button>
          <FieldError id={`${id}-enabled-error`} message={errors.enabled} />
          <FieldError id={`${id}-percent-error`} message={errors.rollout_percent} />
        </form>
        <form method="post" action={`/admin/flags/${flag.key}`} class="inline-form">
          <input type="hidden" name="enabled" value={flag.effective.enabled ? "off" : "on"} />
          <input
            type="hidden"
            name="rollout_percent"
            value={String(flag.effective.rolloutPercent)}
          />
          <button type="submit" class="button button--small" data-action="toggle">
            {flag.effective.enabled ? `Turn ${flag.key} off` : `Turn ${flag.key} on`}
          </button>
        </form>
        {flag.override && flag.global && (
          <form method="post" action={`/admin/flags/${flag.key}/reset`} class="inline-form">
            <button type="submit" class="button button--small">Reset to default</button>
          </form>
        )}
      </td>
    </tr>
  );
}
