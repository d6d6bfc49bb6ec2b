/**
 * Feature flags: the global defaults and a tenant's overrides, and changing them. Each change
 * is one transaction that also writes who changed what to the log of each of the tenant's
 * projects; the triggers bump `flags:<tenant>` and the projects' topics with it.
 *
 * @module
 */
import type { Db, Queryable } from "./connection.ts";
import type { FlagSetting } from "../model/flags.ts";

/** A flag as a tenant's administrators see it. */
export interface TenantFlag {
  key: string;
  description: string;
  /** The global default; null for a flag only this tenant has. */
  global: FlagSetting | null;
  /** The tenant's own setting; null when the default applies. */
  override: FlagSetting | null;
  /** What applies to the tenant: the override, else the default. */
  effective: FlagSetting;
}

/** Who changes a tenant's flag. */
export interface FlagChange {
  tenantId: string;
  key: string;
  actor: { id: string; name: string };
}

interface Row {
  tenant_id: string | null;
  key: string;
  enabled: boolean;
  rollout_percent: number;
  description: string;
}

function settingOf(
  row: Pick<Row, "enabled" | "rollout_percent"> | undefined,
): FlagSetting | null {
  if (!row) return null;
  return { enabled: Boolean(row.enabled), rolloutPercent: Number(row.rollout_percent) };
}

/**
 * Every flag of a tenant — each global default and the tenant's overrides — by key.
 *
 * @example
 * ```ts ignore
 * const flags = await listTenantFlags(db, ctx.tenant.id);
 * flags.find((f) => f.key === "cache")?.effective; // { enabled: true, rolloutPercent: 100 }
 * ```
 */
export async function listTenantFlags(db: Queryable, tenantId: string): Promise<TenantFlag[]> {
  const rows = await db.query<Row>(
    `SELECT tenant_id, key, enabled, rollout_percent, description FROM feature_flags
     WHERE tenant_id IS NULL OR tenant_id = $1 ORDER BY key`,
    [tenantId],
  );
  const byKey = new Map<string, { global?: Row; own?: Row }>();
  for (const row of rows) {
    const entry = byKey.get(row.key) ?? {};
    if (row.tenant_id === null) entry.global = row;
    else entry.own = row;
    byKey.set(row.key, entry);
  }
  return [...byKey].map(([key, { global, own }]) => {
    const override = settingOf(own);
    const fallback = settingOf(global);
    return {
      key,
      description: own?.description || global?.description || "",
      global: fallback,
      override,
      effective: (override ?? fallback)!,
    };
  });
}

/** One flag of a tenant, or null when neither a default nor an override exists. */
export async function findTenantFlag(
  db: Queryable,
  tenantId: string,
  key: string,
): Promise<TenantFlag | null> {
  const flags = await listTenantFlags(db, tenantId);
  return flags.find((flag) => flag.key === key) ?? null;
}

/**
 * Writes the tenant's override of a flag and logs it. Null (and nothing written) when the
 * flag does not exist for the tenant.
 */
export async function setTenantFlag(
  db: Db,
  change: FlagChange,
  setting: FlagSetting,
): Promise<TenantFlag | null> {
  return await db.transaction(async (tx) => {
    if (!await findTenantFlag(tx, change.tenantId, change.key)) return null;
    await tx.query(
      `INSERT INTO feature_flags (tenant_id, key, enabled, rollout_percent)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, key) WHERE tenant_id IS NOT NULL
       DO UPDATE SET enabled = EXCLUDED.enabled, rollout_percent = EXCLUDED.rollout_percent,
         updated_at = now()`,
      [change.tenantId, change.key, setting.enabled, setting.rolloutPercent],
    );
    const state = `${setting.enabled ? "on" : "off"} (rollout ${setting.rolloutPercent}%)`;
    await logFlagChange(tx, change, `Flag ${change.key} set to ${state} by ${change.actor.name}`);
    return await findTenantFlag(tx, change.tenantId, change.key);
  });
}

/**
 * Deletes the tenant's override, so the global default applies again, and logs it. Null when
 * the tenant had no override or the flag has no default to fall back to.
 */
export async function resetTenantFlag(db: Db, change: FlagChange): Promise<TenantFlag | null> {
  return await db.transaction(async (tx) => {
    const flag = await findTenantFlag(tx, change.tenantId, change.key);
    if (!flag?.override || !flag.global) return null;
    await tx.query("DELETE FROM feature_flags WHERE tenant_id = $1 AND key = $2", [
      change.tenantId,
      change.key,
    ]);
    const state = `${flag.global.enabled ? "on" : "off"} (rollout ${flag.global.rolloutPercent}%)`;
    await logFlagChange(
      tx,
      change,
      `Flag ${change.key} reset to the default, ${state}, by ${change.actor.name}`,
    );
    return { ...flag, override: null, effective: flag.global };
  });
}

/** Adds `text` to the communication log of every project of the tenant. */
async function logFlagChange(tx: Queryable, change: FlagChange, text: string): Promise<void> {
  await tx.query(
    `INSERT INTO log_entries (tenant_id, project_id, author, author_id, text, position)
     SELECT p.tenant_id, p.id, $2, $3, $4,
            coalesce((SELECT max(l.position) + 1 FROM log_entries l WHERE l.project_id = p.id), 0)
       FROM projects p WHERE p.tenant_id = $1`,
    [change.tenantId, change.actor.name, change.actor.id, text],
  );
  await tx.query("UPDATE projects SET updated_at = now() WHERE tenant_id = $1", [
    change.tenantId,
  ]);
}

/** A stored flag setting: a tenant's override, or the global default (`tenantId` null). */
export interface StoredFlag extends FlagSetting {
  tenantId: string | null;
  key: string;
}

/**
 * Every flag setting of every tenant, and the global defaults: what the in-memory flag table
 * holds.
 *
 * @example
 * ```ts ignore
 * const rows = await listFlagSettings(db);
 * rows.filter((row) => row.tenantId === null); // the global defaults
 * ```
 */
export async function listFlagSettings(db: Queryable): Promise<StoredFlag[]> {
  const rows = await db.query<Omit<Row, "description">>(
    "SELECT tenant_id, key, enabled, rollout_percent FROM feature_flags",
  );
  return rows.map((row) => ({ tenantId: row.tenant_id, key: row.key, ...settingOf(row)! }));
}

/**
 * The setting in force for each flag of a tenant: its override, else the global default.
 *
 * @example
 * ```ts ignore
 * const settings = await effectiveFlagSettings(db, tenantId);
 * settings.cache; // { enabled: true, rolloutPercent: 100 }
 * ```
 */
export async function effectiveFlagSettings(
  db: Queryable,
  tenantId: string,
): Promise<Record<string, FlagSetting>> {
  const rows = await db.query<Omit<Row, "description" | "tenant_id">>(
    `SELECT DISTINCT ON (key) key, enabled, rollout_percent FROM feature_flags
     WHERE tenant_id = $1 OR tenant_id IS NULL
     ORDER BY key, tenant_id NULLS LAST`,
    [tenantId],
  );
  return Object.fromEntries(rows.map((row) => [row.key, settingOf(row)!]));
}
