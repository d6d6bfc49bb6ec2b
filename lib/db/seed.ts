/**
 * Loads the demo data into an empty database: tenants, people and flags from `demo_data.ts`,
 * and each tenant's projects by importing the Markdown dashboards in `demo/`.
 *
 * @module
 */
import type { Db, Queryable } from "./connection.ts";
import { DEMO_FLAGS, DEMO_PASSWORD, DEMO_TENANTS, type DemoTenant } from "./demo_data.ts";
import { importDashboardInto } from "./markdown_import.ts";
import { hashPassword } from "./password.ts";
import { parseDashboard } from "../markdown/mod.ts";

const DEMO_DIR = new URL("./demo/", import.meta.url);

/**
 * Seeds the demo tenants, users, projects and flags unless the tenant `acme` already exists,
 * all in one transaction.
 *
 * @returns `true` when the data was inserted now, `false` when it was already there.
 * @example
 * ```ts
 * import { connect } from "./connection.ts";
 * import { migrate } from "./migrate.ts";
 * const db = await connect({ dataDir: "memory://" });
 * await migrate(db);
 * console.log(await seedDemo(db)); // true
 * await db.close();
 * ```
 */
export async function seedDemo(db: Db): Promise<boolean> {
  const existing = await db.query("SELECT 1 FROM tenants WHERE slug = 'acme'");
  if (existing.length > 0) return false;
  const hash = await hashPassword(DEMO_PASSWORD);
  const dashboards = new Map<string, string>();
  for (const tenant of DEMO_TENANTS) {
    for (const file of tenant.dashboards) {
      dashboards.set(file, await Deno.readTextFile(new URL(file, DEMO_DIR)));
    }
  }
  await db.transaction(async (tx) => {
    for (const flag of DEMO_FLAGS) {
      await tx.query(
        `INSERT INTO feature_flags (key, enabled, rollout_percent, description)
         VALUES ($1, true, 100, $2) ON CONFLICT DO NOTHING`,
        [flag.key, flag.description],
      );
    }
    for (const tenant of DEMO_TENANTS) await insertTenant(tx, tenant, hash, dashboards);
  });
  return true;
}

async function insertTenant(
  tx: Queryable,
  tenant: DemoTenant,
  passwordHash: string,
  dashboards: Map<string, string>,
): Promise<void> {
  const [{ id: tenantId }] = await tx.query<{ id: string }>(
    "INSERT INTO tenants (name, slug) VALUES ($1, $2) RETURNING id",
    [tenant.name, tenant.slug],
  );
  for (const user of tenant.users) {
    const [{ id: userId }] = await tx.query<{ id: string }>(
      `INSERT INTO users (email, name, phone, password_hash) VALUES ($1, $2, $3, $4)
       RETURNING id`,
      [user.email, user.name, user.phone, passwordHash],
    );
    await tx.query("INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, $3)", [
      tenantId,
      userId,
      user.role,
    ]);
    await tx.query("INSERT INTO user_preferences (user_id) VALUES ($1)", [userId]);
  }
  for (const file of tenant.dashboards) {
    await importDashboardInto(tx, tenantId, parseDashboard(dashboards.get(file)!));
  }
}
