/**
 * Feature flags evaluated for one user: the tenant's setting wins over the global default, and
 * a rollout percent admits a stable share of users.
 *
 * @module
 */
import type { Queryable } from "../db/connection.ts";
import { isOnFor } from "./bucket.ts";

/**
 * The flags of a tenant evaluated for a user: key → on. Reads the database; the request
 * context caches the result under the flags topics' versions.
 *
 * @example
 * ```ts ignore
 * const flags = await loadFlags(db, ctx.tenant.id, ctx.user.id);
 * flags.cache; // true for users in the cache's canary cohort
 * ```
 */
export async function loadFlags(
  db: Queryable,
  tenantId: string,
  userId: string,
): Promise<Record<string, boolean>> {
  const rows = await db.query<{ key: string; enabled: boolean; rollout_percent: number }>(
    `SELECT DISTINCT ON (key) key, enabled, rollout_percent FROM feature_flags
     WHERE tenant_id = $1 OR tenant_id IS NULL
     ORDER BY key, tenant_id NULLS LAST`,
    [tenantId],
  );
  return Object.fromEntries(
    rows.map((r) => [
      r.key,
      isOnFor(
        { enabled: Boolean(r.enabled), rolloutPercent: Number(r.rollout_percent) },
        r.key,
        userId,
      ),
    ]),
  );
}
