/**
 * The request context: who is asking, in which tenant, with which role, preferences and
 * flags — one object per request.
 *
 * @module
 */
import type { Db } from "../db/connection.ts";
import { findSession, loadMembership, type Membership } from "../db/accounts.ts";
import type { Role } from "../db/types.ts";

/** Everything a route knows about the signed-in user. */
export interface RequestContext extends Membership {
  /** The stored hash of the session id. */
  sessionHash: string;
  /** Flags evaluated for this user: key → on. */
  flags: Record<string, boolean>;
}

/** Roles allowed to change a project. */
export const EDITOR_ROLES: readonly Role[] = ["owner", "admin", "member"];

/** Roles allowed to administer the tenant (flags, cache monitor). */
export const ADMIN_ROLES: readonly Role[] = ["owner", "admin"];

/** Whether the role may change projects. */
export function canEdit(role: Role): boolean {
  return EDITOR_ROLES.includes(role);
}

/**
 * Resolves a session hash to the request context; null when the session is unknown, expired,
 * revoked, or its user is no longer a member.
 */
export async function loadRequestContext(
  db: Db,
  sessionHash: string,
): Promise<RequestContext | null> {
  const session = await findSession(db, sessionHash);
  if (!session) return null;
  const membership = await loadMembership(db, session.userId, session.tenantId);
  if (!membership) return null;
  const flags = await loadFlags(db, session.tenantId);
  return { ...membership, sessionHash, flags };
}

async function loadFlags(db: Db, tenantId: string): Promise<Record<string, boolean>> {
  const rows = await db.query<{ key: string; enabled: boolean }>(
    `SELECT DISTINCT ON (key) key, enabled FROM feature_flags
     WHERE tenant_id = $1 OR tenant_id IS NULL
     ORDER BY key, tenant_id NULLS LAST`,
    [tenantId],
  );
  return Object.fromEntries(rows.map((r) => [r.key, Boolean(r.enabled)]));
}
