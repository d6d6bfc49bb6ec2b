/**
 * One-time sign-in links for people added to a tenant. A token is 32 random bytes
 * (base64url), handed out once; only its SHA-256 is stored. It is valid for 24 hours and once:
 * redeeming it sets the person's password.
 *
 * @module
 */
import { createHash, randomBytes } from "node:crypto";
import type { Db, Queryable } from "./connection.ts";
import type { Role } from "../model/types.ts";
import { hashPassword } from "./password.ts";
import { iso } from "./time.ts";

/**
 * How long an invitation link is valid.
 *
 * @example
 * ```ts
 * import { INVITATION_HOURS } from "./invitations.ts";
 * console.log(`The link is valid for ${INVITATION_HOURS} hours`);
 * ```
 */
export const INVITATION_HOURS = 24;

/**
 * What redeeming an invitation did.
 *
 * @example
 * ```ts
 * import type { Redemption } from "./invitations.ts";
 * declare const redeemed: Redemption;
 * if (!redeemed.ok) console.log(`The link is ${redeemed.reason}`);
 * ```
 */
export type Redemption =
  | { ok: true; userId: string; tenantId: string }
  | { ok: false; reason: "unknown" | "used" | "expired" };

/**
 * The SHA-256 of an invitation token, as stored.
 *
 * @example
 * ```ts
 * import { tokenHash } from "./invitations.ts";
 * console.log(tokenHash("abc").length); // 64
 * ```
 */
export function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Creates an invitation for a member of a tenant and returns its token: the only time the token
 * exists outside the link, since only its hash is stored.
 *
 * @param tx An open transaction (the membership's).
 * @returns The token and when it expires.
 * @example
 * ```ts ignore
 * const { token } = await createInvitation(tx, tenantId, userId, { role: "member", invitedBy });
 * ```
 */
export async function createInvitation(
  tx: Queryable,
  tenantId: string,
  userId: string,
  input: { role: Role; invitedBy: string | null },
): Promise<{ token: string; expiresAt: string }> {
  const token = randomBytes(32).toString("base64url");
  const [row] = await tx.query<{ expires_at: unknown }>(
    `INSERT INTO invitations (tenant_id, user_id, token_hash, role, created_by, expires_at)
     VALUES ($1, $2, $3, $4, $5, now() + make_interval(hours => $6)) RETURNING expires_at`,
    [tenantId, userId, tokenHash(token), input.role, input.invitedBy, INVITATION_HOURS],
  );
  return { token, expiresAt: iso(row.expires_at) };
}

/**
 * Redeems an invitation: sets the person's password and marks the invitation used, with every
 * other pending invitation of theirs (they sign in with their password from now on).
 *
 * @param token The token from the link.
 * @param password The password they chose (not empty).
 * @returns Who signed up and to which tenant, or why not: `unknown`, `used` or `expired`.
 * @throws {RangeError} When the password is empty.
 * @example
 * ```ts ignore
 * const redeemed = await redeemInvitation(db, token, "correct horse battery");
 * if (redeemed.ok) await startSession(redeemed.userId, redeemed.tenantId);
 * ```
 */
export async function redeemInvitation(
  db: Db,
  token: string,
  password: string,
): Promise<Redemption> {
  if (password === "") throw new RangeError("Cannot redeem an invitation: the password is empty");
  // Hashing takes a while: do it before the transaction, whatever the token turns out to be.
  const passwordHash = await hashPassword(password);
  return await db.transaction(async (tx): Promise<Redemption> => {
    const [row] = await tx.query<
      { id: string; user_id: string; tenant_id: string; used: boolean; expired: boolean }
    >(
      `SELECT id, user_id, tenant_id, used_at IS NOT NULL AS used, expires_at <= now() AS expired
       FROM invitations WHERE token_hash = $1 FOR UPDATE`,
      [tokenHash(token)],
    );
    if (row === undefined) return { ok: false, reason: "unknown" };
    if (row.used) return { ok: false, reason: "used" };
    if (row.expired) return { ok: false, reason: "expired" };
    // Every link of theirs is spent now: a second one must not set the password again.
    await tx.query(
      "UPDATE invitations SET used_at = now() WHERE user_id = $1 AND used_at IS NULL",
      [row.user_id],
    );
    await tx.query("UPDATE users SET password_hash = $1 WHERE id = $2", [
      passwordHash,
      row.user_id,
    ]);
    return { ok: true, userId: row.user_id, tenantId: row.tenant_id };
  });
}

/** Whom a sign-in link is for, while it can still be used. */
export type InvitationLookup =
  | { ok: true; email: string; name: string; tenantName: string }
  | { ok: false; reason: "unknown" | "used" | "expired" };

/**
 * Looks a sign-in link up without using it: whom it is for, or why it cannot be used.
 *
 * @example
 * ```ts ignore
 * const invitation = await findInvitation(db, token);
 * if (invitation.ok) console.log(`Welcome to ${invitation.tenantName}, ${invitation.name}`);
 * ```
 */
export async function findInvitation(db: Queryable, token: string): Promise<InvitationLookup> {
  const [row] = await db.query<{
    email: string;
    name: string;
    tenant_name: string;
    used: boolean;
    expired: boolean;
  }>(
    `SELECT u.email, u.name, t.name AS tenant_name, i.used_at IS NOT NULL AS used,
       i.expires_at <= now() AS expired
     FROM invitations i JOIN users u ON u.id = i.user_id JOIN tenants t ON t.id = i.tenant_id
     WHERE i.token_hash = $1`,
    [tokenHash(token)],
  );
  if (row === undefined) return { ok: false, reason: "unknown" };
  if (row.used) return { ok: false, reason: "used" };
  if (row.expired) return { ok: false, reason: "expired" };
  return { ok: true, email: row.email, name: row.name, tenantName: row.tenant_name };
}
