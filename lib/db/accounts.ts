/**
 * Users, memberships, sessions and preferences.
 *
 * @module
 */
import type { Queryable } from "./connection.ts";
import type { Role } from "../model/types.ts";
import type { Membership } from "../model/context.ts";

export type { Membership };
import { iso } from "./time.ts";

/** What sign-in needs of a user. */
export interface LoginCandidate {
  id: string;
  passwordHash: string;
  tenantId: string | null;
}

/** Finds a user by email with the tenant they sign in to (their oldest membership). */
export async function findLoginCandidate(
  db: Queryable,
  email: string,
): Promise<LoginCandidate | null> {
  const rows = await db.query<{ id: string; password_hash: string; tenant_id: string | null }>(
    `SELECT u.id, u.password_hash,
       (SELECT m.tenant_id FROM memberships m WHERE m.user_id = u.id
         ORDER BY m.created_at, m.tenant_id LIMIT 1) AS tenant_id
     FROM users u WHERE u.email = $1`,
    [email.trim().toLowerCase()],
  );
  const row = rows[0];
  return row ? { id: row.id, passwordHash: row.password_hash, tenantId: row.tenant_id } : null;
}

/** A stored session as the request sees it. */
export interface SessionRecord {
  idHash: string;
  userId: string;
  tenantId: string;
  expiresAt: string;
}

/** Stores a session by the hash of its id. */
export async function insertSession(db: Queryable, session: SessionRecord): Promise<void> {
  await db.query(
    "INSERT INTO sessions (id_hash, user_id, tenant_id, expires_at) VALUES ($1, $2, $3, $4)",
    [session.idHash, session.userId, session.tenantId, session.expiresAt],
  );
}

/** Finds a live session: not revoked, not expired. */
export async function findSession(db: Queryable, idHash: string): Promise<SessionRecord | null> {
  const rows = await db.query<{ user_id: string; tenant_id: string; expires_at: unknown }>(
    `SELECT user_id, tenant_id, expires_at FROM sessions
     WHERE id_hash = $1 AND revoked_at IS NULL AND expires_at > now()`,
    [idHash],
  );
  const row = rows[0];
  if (!row) return null;
  return { idHash, userId: row.user_id, tenantId: row.tenant_id, expiresAt: iso(row.expires_at) };
}

/** Ends a session; the row stays for auditing and is cleared when it expires. */
export async function revokeSession(db: Queryable, idHash: string): Promise<void> {
  await db.query(
    "UPDATE sessions SET revoked_at = now() WHERE id_hash = $1 AND revoked_at IS NULL",
    [
      idHash,
    ],
  );
}

/** Deletes sessions that expired more than a day ago. */
export async function pruneSessions(db: Queryable): Promise<void> {
  await db.query("DELETE FROM sessions WHERE expires_at < now() - interval '1 day'");
}

/** Loads a user with their role in a tenant; null when they are not a member. */
export async function loadMembership(
  db: Queryable,
  userId: string,
  tenantId: string,
): Promise<Membership | null> {
  const rows = await db.query<{
    user_id: string;
    email: string;
    user_name: string;
    phone: string | null;
    tenant_id: string;
    tenant_name: string;
    slug: string;
    role: Role;
    theme: "system" | "light" | "dark" | null;
    compact: boolean | null;
  }>(
    `SELECT u.id AS user_id, u.email, u.name AS user_name, u.phone,
       t.id AS tenant_id, t.name AS tenant_name, t.slug, m.role, p.theme, p.compact
     FROM memberships m
     JOIN users u ON u.id = m.user_id
     JOIN tenants t ON t.id = m.tenant_id
     LEFT JOIN user_preferences p ON p.user_id = u.id
     WHERE m.user_id = $1 AND m.tenant_id = $2`,
    [userId, tenantId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    user: { id: row.user_id, email: row.email, name: row.user_name, phone: row.phone },
    tenant: { id: row.tenant_id, name: row.tenant_name, slug: row.slug },
    role: row.role,
    preferences: { theme: row.theme ?? "system", compact: row.compact ?? false },
  };
}
