/**
 * Who is asking, as server and browser both see it: the signed-in user in the tenant of their
 * session, their role, and what each role may do.
 *
 * @module
 */
import type { Role, Tenant, User } from "./types.ts";

/** The signed-in user in the tenant of their session. */
export interface Membership {
  user: User;
  tenant: Tenant;
  role: Role;
  preferences: { theme: "system" | "light" | "dark"; compact: boolean };
}

/** What `GET /api/context` answers: the request context without the session. */
export interface ContextJson extends Membership {
  /** Flags evaluated for this user: key → on. */
  flags: Record<string, boolean>;
}

/** Roles allowed to change a project. */
export const EDITOR_ROLES: readonly Role[] = ["owner", "admin", "member"];

/** Roles allowed to administer the tenant (flags, cache monitor). */
export const ADMIN_ROLES: readonly Role[] = ["owner", "admin"];

/** Roles allowed to see and manage the tenant's people (`/members`, `/api/members`). */
export const PEOPLE_ROLES: readonly Role[] = ["owner"];

/**
 * Whether the role may change projects.
 *
 * @example
 * ```ts
 * import { canEdit } from "./context.ts";
 * canEdit("member"); // true
 * canEdit("viewer"); // false
 * ```
 */
export function canEdit(role: Role): boolean {
  return EDITOR_ROLES.includes(role);
}
