/**
 * Feature flags evaluated for one user: the tenant's setting wins over the global default, and
 * a rollout percent admits a stable share of users.
 *
 * @module
 */
import type { Queryable } from "../db/connection.ts";

/**
 * The user's bucket for a flag, 0–99: a stable hash of flag key and user id, so each user
 * stays in the same cohort as the percent grows.
 *
 * @example
 * ```ts
 * const bucket = flagBucket("cache", "9b2e0c1e-4a57-4f0e-9d38-1c4d3f1e2a10");
 * console.log(bucket >= 0 && bucket < 100); // true
 * ```
 */
export function flagBucket(key: string, userId: string): number {
  // FNV-1a, 32 bits: fast, stable across processes and restarts.
  let hash = 0x811c9dc5;
  const text = `${key}:${userId}`;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % 100;
}

/** The flags of a tenant evaluated for a user: key → on. */
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
      Boolean(r.enabled) && flagBucket(r.key, userId) < Number(r.rollout_percent),
    ]),
  );
}
