/**
 * What the flag writes share: the flag in the URL, and the answer after a change.
 *
 * @module
 */
import type { Context } from "hono";
import type { AppEnv } from "../../../lib/app/deps.ts";
import { HttpError } from "../../../lib/http/errors.ts";
import { findTenantFlag } from "../../../lib/db/flags.ts";
import type { RequestContext } from "../../../lib/resources/context.ts";

const FLAG_KEY = /^[a-z][a-z0-9_]{0,62}$/;

/** The 404 of a flag the tenant does not have. */
export function noSuchFlag(): HttpError {
  return new HttpError(404, "No such flag");
}

/** The flag in the URL, if the tenant has it (a default or an override); 404 otherwise. */
export async function existingKey(c: Context<AppEnv>, ctx: RequestContext): Promise<string> {
  const key = c.req.param("key") ?? "";
  if (!FLAG_KEY.test(key)) throw noSuchFlag();
  if (!await findTenantFlag(c.var.deps.db, ctx.tenant.id, key)) throw noSuchFlag();
  return key;
}

/**
 * Changes a flag through the one write path, then waits until this instance has reloaded its
 * flag table, so the next request — the redirect — already runs under the new setting.
 */
export async function changeFlag<T>(
  c: Context<AppEnv>,
  key: string,
  write: () => Promise<T>,
): Promise<{ result: T; response: Response }> {
  const { writeThrough, flags } = c.var.deps;
  const result = await writeThrough(write);
  await flags.refresh();
  return { result, response: c.redirect(`/admin/flags#flag-${key}`, 303) };
}
