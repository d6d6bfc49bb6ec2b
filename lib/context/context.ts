/**
 * The request context: who is asking, in which tenant, with which role, preferences and
 * flags — one object per request.
 *
 * @module
 */
import type { Membership } from "../db/accounts.ts";
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
