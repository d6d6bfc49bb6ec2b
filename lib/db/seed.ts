/**
 * Loads the demo data into an empty database.
 *
 * @module
 */
import type { Db, Queryable } from "./connection.ts";
import { DEMO_FLAGS, DEMO_PASSWORD, DEMO_TENANTS, type DemoTenant } from "./demo_data.ts";
import { hashPassword } from "./password.ts";

/**
 * Seeds the demo tenants, users, projects and flags unless the tenant `acme` already exists.
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
  const hashes = new Map<string, string>();
  for (const tenant of DEMO_TENANTS) {
    for (const user of tenant.users) hashes.set(user.email, await hashPassword(DEMO_PASSWORD));
  }
  await db.transaction(async (tx) => {
    for (const flag of DEMO_FLAGS) {
      await tx.query(
        `INSERT INTO feature_flags (key, enabled, rollout_percent, description)
         VALUES ($1, true, 100, $2) ON CONFLICT DO NOTHING`,
        [flag.key, flag.description],
      );
    }
    for (const tenant of DEMO_TENANTS) await insertTenant(tx, tenant, hashes);
  });
  return true;
}

async function insertTenant(tx: Queryable, tenant: DemoTenant, hashes: Map<string, string>) {
  const [{ id: tenantId }] = await tx.query<{ id: string }>(
    "INSERT INTO tenants (name, slug) VALUES ($1, $2) RETURNING id",
    [tenant.name, tenant.slug],
  );
  for (const user of tenant.users) {
    const [{ id: userId }] = await tx.query<{ id: string }>(
      `INSERT INTO users (email, name, phone, password_hash) VALUES ($1, $2, $3, $4)
       RETURNING id`,
      [user.email, user.name, user.phone, hashes.get(user.email)],
    );
    await tx.query("INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, $3)", [
      tenantId,
      userId,
      user.role,
    ]);
    await tx.query("INSERT INTO user_preferences (user_id) VALUES ($1)", [userId]);
  }
  for (const project of tenant.projects) {
    const [{ id: projectId }] = await tx.query<{ id: string }>(
      `INSERT INTO projects (tenant_id, name, description, status, health, owner, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        tenantId,
        project.name,
        project.description,
        project.status,
        project.health,
        project.owner,
        project.updatedAt,
      ],
    );
    const scope = [tenantId, projectId];
    for (const [p, phase] of project.phases.entries()) {
      const [{ id: phaseId }] = await tx.query<{ id: string }>(
        `INSERT INTO phases (tenant_id, project_id, name, timeframe, position)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [...scope, phase.name, phase.timeframe, p],
      );
      for (const [t, [title, note, status]] of phase.tasks.entries()) {
        await tx.query(
          `INSERT INTO tasks (tenant_id, project_id, phase_id, title, note, status, assignee,
             position) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [...scope, phaseId, title, note, status, note || null, t],
        );
      }
    }
    for (const [i, [member, status, label, task, progress]] of project.team.entries()) {
      await tx.query(
        `INSERT INTO team_assignments (tenant_id, project_id, member, status, status_label,
           current_task, progress, position) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [...scope, member, status, label, task, progress, i],
      );
    }
    const positions = new Map<string, number>();
    for (const metric of project.metrics) {
      const position = positions.get(metric.group) ?? 0;
      positions.set(metric.group, position + 1);
      await tx.query(
        `INSERT INTO metrics (tenant_id, project_id, metric_group, name, baseline, current,
           target, health, status_label, position)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          ...scope,
          metric.group,
          metric.name,
          metric.baseline ?? "",
          metric.current,
          metric.target,
          metric.health,
          metric.label ?? "",
          position,
        ],
      );
    }
    for (const [i, [title, impact, probability, mitigation, owner]] of project.risks.entries()) {
      await tx.query(
        `INSERT INTO risks (tenant_id, project_id, title, impact, probability, mitigation, owner,
           created_at, position) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          ...scope,
          title,
          impact,
          probability,
          mitigation,
          owner,
          new Date(Date.UTC(2025, 6, 31, 0, i)),
          i,
        ],
      );
    }
    for (const [m, milestone] of project.milestones.entries()) {
      const [{ id: milestoneId }] = await tx.query<{ id: string }>(
        `INSERT INTO milestones (tenant_id, project_id, title, position)
         VALUES ($1, $2, $3, $4) RETURNING id`,
        [...scope, milestone.title, m],
      );
      for (const [i, text] of milestone.items.entries()) {
        await tx.query(
          `INSERT INTO milestone_items (tenant_id, project_id, milestone_id, text, position)
           VALUES ($1, $2, $3, $4, $5)`,
          [...scope, milestoneId, text, i],
        );
      }
    }
    for (const [i, [at, text]] of project.log.entries()) {
      await tx.query(
        `INSERT INTO log_entries (tenant_id, project_id, at, author, text, position)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [...scope, at, project.owner, text, i],
      );
    }
  }
}
