/**
 * `GET /admin/flags`: the tenant's feature flags, for owners and admins — each flag's default,
 * the tenant's override, what is in effect and whether it is on for the viewer, with forms to
 * change it (`POST /admin/flags/:key`, `POST /admin/flags/:key/reset`).
 *
 * @module
 */
import type { Context } from "hono";
import type { AppEnv, Handlers } from "../../lib/app/deps.ts";
import { page, withRole } from "../../lib/app/respond.ts";
import { ADMIN_ROLES } from "../../lib/model/context.ts";
import type { FlagSetting } from "../../lib/model/flags.ts";
import type { RequestContext } from "../../lib/resources/context.ts";
import { listTenantFlags, type TenantFlag } from "../../lib/db/flags.ts";
import { fieldAria, FieldError, FormAlert, TableWrap } from "../../islands/_dashboard/ui.tsx";
import { Layout } from "../_layout.tsx";

/** A rejected form: which flag, what was sent, and a message per field. */
export interface FlagFormState {
  key: string;
  values: Record<string, string>;
  errors: Record<string, string>;
}

/** The flag page's handler. */
export const handler: Handlers = {
  async GET(c) {
    const ctx = withRole(c, ADMIN_ROLES);
    return page(c, await flagsPage(c, ctx));
  },
};

/** The flag page for the signed-in administrator, with a rejected form if there is one. */
export async function flagsPage(c: Context<AppEnv>, ctx: RequestContext, form?: FlagFormState) {
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
