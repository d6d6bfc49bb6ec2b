/**
 * A tenant's members: list them, add one by email (inviting a new person with a one-time
 * sign-in link, see `invitations.ts`), change a role, remove one. A tenant always keeps at
 * least one owner: the last one can be neither demoted nor removed.
 *
 * @module
 */
import type { Db, Queryable } from "./connection.ts";
import type { Role } from "../model/types.ts";
import { DUMMY_HASH } from "./password.ts";
import { iso } from "./time.ts";
import { createInvitation } from "./invitations.ts";

// Nobody's password matches it, and checking one against it takes as long as a real hash.
const NO_PASSWORD = DUMMY_HASH;

/**
 * A member of a tenant as the members page shows them.
 *
 * @example
 * ```ts
 * import { listMembers, type Member } from "./members.ts";
 * import type { Queryable } from "./connection.ts";
 * declare const db: Queryable;
 * const owners: Member[] = (await listMembers(db, "t1")).filter((m) => m.role === "owner");
 * ```
 */
export interface Member {
  userId: string;
  name: string;
  email: string;
  role: Role;
  /** When the newest unused invitation expires, if one is pending; else null. */
  invitedUntil: string | null;
}

/**
 * What adding a member did.
 *
 * @example
 * ```ts
 * import type { AddMemberResult } from "./members.ts";
 * declare const result: AddMemberResult;
 * if (result.status === "invited") console.log(`/invitations/${result.token}`);
 * ```
 */
export type AddMemberResult =
  /** A new person, or one who never set a password: hand them `token` as a sign-in link. */
  | { status: "invited"; userId: string; token: string; expiresAt: string }
  /** Someone who already has a password: they are a member now and sign in as usual. */
  | { status: "added"; userId: string }
  /** Already a member: nothing changed. */
  | { status: "already-member"; userId: string; role: Role };

/**
 * What changing or removing a membership did.
 *
 * @example
 * ```ts
 * import type { MemberChange } from "./members.ts";
 * declare const change: MemberChange;
 * const status = change.ok ? 303 : change.reason === "last-owner" ? 422 : 404;
 * ```
 */
export type MemberChange =
  | { ok: true; userId: string; role: Role | null }
  /** `not-found`: not a member (→ 404); `last-owner`: the tenant would have no owner (→ 422). */
  | { ok: false; reason: "not-found" | "last-owner" };

/**
 * The tenant's members, owners first, then by name.
 *
 * @example
 * ```ts ignore
 * for (const m of await listMembers(db, tenantId)) console.log(m.name, m.role);
 * ```
 */
export async function listMembers(db: Queryable, tenantId: string): Promise<Member[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT u.id, u.name, u.email, m.role,
       (SELECT max(i.expires_at) FROM invitations i WHERE i.tenant_id = m.tenant_id
          AND i.user_id = u.id AND i.used_at IS NULL AND i.expires_at > now()) AS invited_until
     FROM memberships m JOIN users u ON u.id = m.user_id
     WHERE m.tenant_id = $1
     ORDER BY array_position(ARRAY['owner', 'admin', 'member', 'viewer'], m.role), u.name, u.id`,
    [tenantId],
  );
  return rows.map((r) => ({
    userId: String(r.id),
    name: String(r.name),
    email: String(r.email),
    role: r.role as Role,
    invitedUntil: r.invited_until === null ? null : iso(r.invited_until),
  }));
}

/**
 * Adds a person to a tenant by email with a role. A new email becomes a user (named `name`,
 * or the email's local part) without a usable password; a person without a password gets an
 * invitation whose token is returned once. Someone who already has a password just becomes a
 * member.
 *
 * @param input `invitedBy`: the user adding them, recorded on the invitation.
 * @throws {RangeError} When the email is not an address.
 * @example
 * ```ts ignore
 * const result = await addMember(db, tenantId, {
 *   email: "Grace@Acme.test", role: "member", invitedBy: adaId,
 * });
 * if (result.status === "invited") sendLink(`/invitations/${result.token}`);
 * ```
 */
export async function addMember(
  db: Db,
  tenantId: string,
  input: { email: string; role: Role; name?: string; invitedBy: string | null },
): Promise<AddMemberResult> {
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
    throw new RangeError(`Cannot add a member: "${input.email}" is not an email address`);
  }
  const name = (input.name?.trim() || email.split("@")[0]).slice(0, 120);
  return await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO users (email, name, password_hash) VALUES ($1, $2, $3)
       ON CONFLICT (email) DO NOTHING`,
      [email, name, NO_PASSWORD],
    );
    const [user] = await tx.query<{ id: string; password_hash: string }>(
      "SELECT id, password_hash FROM users WHERE email = $1 FOR UPDATE",
      [email],
    );
    const [joined] = await tx.query<{ role: Role }>(
      `INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id, user_id) DO NOTHING RETURNING role`,
      [tenantId, user.id, input.role],
    );
    if (joined === undefined) {
      const [member] = await tx.query<{ role: Role }>(
        "SELECT role FROM memberships WHERE tenant_id = $1 AND user_id = $2",
        [tenantId, user.id],
      );
      return { status: "already-member", userId: user.id, role: member.role };
    }
    await tx.query(
      "INSERT INTO user_preferences (user_id) VALUES ($1) ON CONFLICT DO NOTHING",
      [user.id],
    );
    if (user.password_hash !== NO_PASSWORD) return { status: "added", userId: user.id };
    return {
      status: "invited",
      userId: user.id,
      ...await createInvitation(tx, tenantId, user.id, input),
    };
  });
}

/**
 * Changes a member's role. The tenant's last owner cannot be demoted.
 *
 * @returns The new role, or why not: `not-found` (not a member) or `last-owner`.
 * @example
 * ```ts ignore
 * const change = await changeMemberRole(db, tenantId, userId, "viewer");
 * if (!change.ok && change.reason === "last-owner") return c.text("Keep one owner", 422);
 * ```
 */
export async function changeMemberRole(
  db: Db,
  tenantId: string,
  userId: string,
  role: Role,
): Promise<MemberChange> {
  return await db.transaction(async (tx) => {
    const refused = await refuseLastOwner(tx, tenantId, userId, role !== "owner");
    if (refused !== null) return refused;
    await tx.query("UPDATE memberships SET role = $1 WHERE tenant_id = $2 AND user_id = $3", [
      role,
      tenantId,
      userId,
    ]);
    return { ok: true, userId, role };
  });
}

/**
 * Removes a member from a tenant with their pending invitations. The tenant's last owner
 * cannot be removed. The user stays (they may belong to other tenants).
 *
 * @returns `{ ok: true, role: null }`, or why not: `not-found` or `last-owner`.
 * @example
 * ```ts ignore
 * await removeMember(db, tenantId, userId);
 * ```
 */
export async function removeMember(
  db: Db,
  tenantId: string,
  userId: string,
): Promise<MemberChange> {
  return await db.transaction(async (tx) => {
    const refused = await refuseLastOwner(tx, tenantId, userId, true);
    if (refused !== null) return refused;
    await tx.query("DELETE FROM invitations WHERE tenant_id = $1 AND user_id = $2", [
      tenantId,
      userId,
    ]);
    await tx.query("DELETE FROM memberships WHERE tenant_id = $1 AND user_id = $2", [
      tenantId,
      userId,
    ]);
    return { ok: true, userId, role: null };
  });
}

/**
 * Locks the tenant's owners (so two owners stepping down at once take turns) and refuses when
 * `userId` is not a member, or is the only owner and would stop being one.
 */
async function refuseLastOwner(
  tx: Queryable,
  tenantId: string,
  userId: string,
  losesOwner: boolean,
): Promise<MemberChange | null> {
  const owners = await tx.query<{ user_id: string }>(
    "SELECT user_id FROM memberships WHERE tenant_id = $1 AND role = 'owner' FOR UPDATE",
    [tenantId],
  );
  const member = await tx.query(
    "SELECT 1 FROM memberships WHERE tenant_id = $1 AND user_id = $2 FOR UPDATE",
    [tenantId, userId],
  );
  if (member.length === 0) return { ok: false, reason: "not-found" };
  const isOwner = owners.some((owner) => owner.user_id === userId);
  if (losesOwner && isOwner && owners.length === 1) return { ok: false, reason: "last-owner" };
  return null;
}
