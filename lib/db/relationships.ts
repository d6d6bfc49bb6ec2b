/**
 * The one declared relationship map, tables side: which cache topics a row change in each
 * table bumps. The topics themselves — their kinds, who may hear of them, which resource they
 * invalidate, and how each is spelled — are declared once in `lib/model/topics.ts`.
 *
 * `scripts/gen_triggers.ts` turns {@linkcode RELATIONSHIPS} into the triggers of
 * `migrations/002_cache_versions.sql` and `003_truncate_invalidation.sql`; a table added later
 * names its migration in {@linkcode TRIGGERS_SINCE} and gets its triggers in a generated
 * migration of that number, because 002 and 003 are already applied on existing databases.
 *
 * @module
 */
import type { TopicKind } from "../model/topics.ts";

export type { TopicKind };

/** How one column of a changed row names a topic. */
export interface TopicRule {
  /** The topic's kind: the row bumps `<kind>:<value of column>`. */
  readonly kind: TopicKind;
  /** The column whose value follows the colon. */
  readonly column: string;
  /** Written instead of the value when the column is null; without it a null bumps nothing. */
  readonly whenNull?: string;
  /** The column naming the topic's tenant, or `null` for topics bound to no tenant. */
  readonly tenantColumn: string | null;
}

/**
 * For each table, the topics a changed row bumps. An update bumps the topics of both the old
 * and the new row, so a row moved between projects invalidates both.
 */
export const RELATIONSHIPS: Readonly<Record<string, readonly TopicRule[]>> = {
  tenants: [{ kind: "tenant", column: "id", tenantColumn: "id" }],
  users: [{ kind: "user", column: "id", tenantColumn: null }],
  user_preferences: [{ kind: "user", column: "user_id", tenantColumn: null }],
  memberships: [
    { kind: "user", column: "user_id", tenantColumn: null },
    { kind: "members", column: "tenant_id", tenantColumn: "tenant_id" },
  ],
  sessions: [{ kind: "session", column: "id_hash", tenantColumn: "tenant_id" }],
  projects: [
    { kind: "project", column: "id", tenantColumn: "tenant_id" },
    { kind: "projects", column: "tenant_id", tenantColumn: "tenant_id" },
  ],
  // The project list shows each project's progress, which counts its tasks.
  tasks: [
    { kind: "project", column: "project_id", tenantColumn: "tenant_id" },
    { kind: "projects", column: "tenant_id", tenantColumn: "tenant_id" },
  ],
  phases: [projectRule()],
  team_assignments: [projectRule()],
  metrics: [projectRule()],
  risks: [projectRule()],
  milestones: [projectRule()],
  milestone_items: [projectRule()],
  log_entries: [projectRule()],
  accomplishments: [projectRule()],
  action_groups: [projectRule()],
  action_items: [projectRule()],
  blockers: [projectRule()],
  invitations: [{ kind: "members", column: "tenant_id", tenantColumn: "tenant_id" }],
  feature_flags: [
    { kind: "flags", column: "tenant_id", whenNull: "*", tenantColumn: "tenant_id" },
  ],
};

/**
 * Tables whose triggers came after 002/003: table → the number of the generated migration that
 * creates them (`scripts/gen_triggers.ts` writes `migrations/<number>_cache_triggers.sql`). A
 * table not listed has its triggers in 002 and 003.
 *
 * @example
 * ```ts
 * import { TRIGGERS_SINCE } from "./relationships.ts";
 * console.log(TRIGGERS_SINCE.blockers); // 5
 * ```
 */
export const TRIGGERS_SINCE: Readonly<Record<string, number>> = {
  accomplishments: 5,
  action_groups: 5,
  action_items: 5,
  blockers: 5,
  invitations: 5,
};

function projectRule(): TopicRule {
  return { kind: "project", column: "project_id", tenantColumn: "tenant_id" };
}
