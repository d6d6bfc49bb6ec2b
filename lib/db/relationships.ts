/**
 * The one declared relationship map: which cache topics a row change in each table bumps.
 *
 * `scripts/gen_triggers.ts` turns {@linkcode RELATIONSHIPS} into the triggers of
 * `migrations/002_cache_versions.sql`, and the app builds the same topic strings with the
 * helpers below, so a topic is spelled in exactly one place.
 *
 * @module
 */

/** The kinds of topic, i.e. the part of a topic before the colon. */
export type TopicKind =
  | "tenant"
  | "projects"
  | "project"
  | "members"
  | "user"
  | "session"
  | "flags";

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
  feature_flags: [
    { kind: "flags", column: "tenant_id", whenNull: "*", tenantColumn: "tenant_id" },
  ],
};

function projectRule(): TopicRule {
  return { kind: "project", column: "project_id", tenantColumn: "tenant_id" };
}

const KINDS: ReadonlySet<string> = new Set(
  Object.values(RELATIONSHIPS).flatMap((rules) => rules.map((rule) => rule.kind)),
);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const OPAQUE = /^[A-Za-z0-9_\-+/=.]{1,256}$/;

function uuidTopic(kind: TopicKind, id: string): string {
  const lower = typeof id === "string" ? id.toLowerCase() : "";
  if (!UUID.test(lower)) {
    throw new TypeError(`Cannot build topic "${kind}": ${JSON.stringify(id)} is not a UUID`);
  }
  return `${kind}:${lower}`;
}

/**
 * The topic of a tenant's own row (name, slug).
 *
 * @example
 * ```ts
 * tenantTopic("0b7e7dc0-8f4e-4c55-9d0a-6d8b7b0a4e11"); // "tenant:0b7e7dc0-..."
 * ```
 */
export function tenantTopic(tenantId: string): string {
  return uuidTopic("tenant", tenantId);
}

/**
 * The topic of a tenant's project list, bumped by any project or task change in the tenant.
 *
 * @example
 * ```ts
 * projectListTopic("0b7e7dc0-8f4e-4c55-9d0a-6d8b7b0a4e11"); // "projects:0b7e7dc0-..."
 * ```
 */
export function projectListTopic(tenantId: string): string {
  return uuidTopic("projects", tenantId);
}

/**
 * The topic of one project's dashboard: the project and every row that belongs to it.
 *
 * @example
 * ```ts
 * projectTopic("5c0f3a36-21f5-4d1e-9a53-0c6f5b7d2e10"); // "project:5c0f3a36-..."
 * ```
 */
export function projectTopic(projectId: string): string {
  return uuidTopic("project", projectId);
}

/**
 * The topic of a tenant's member list (memberships and roles).
 *
 * @example
 * ```ts
 * membersTopic("0b7e7dc0-8f4e-4c55-9d0a-6d8b7b0a4e11"); // "members:0b7e7dc0-..."
 * ```
 */
export function membersTopic(tenantId: string): string {
  return uuidTopic("members", tenantId);
}

/**
 * The topic of a user: profile, preferences and memberships. Not bound to one tenant.
 *
 * @example
 * ```ts
 * userTopic("9a1d4a8e-6a55-4c2b-8f0e-2f1f3a4b5c6d"); // "user:9a1d4a8e-..."
 * ```
 */
export function userTopic(userId: string): string {
  return uuidTopic("user", userId);
}

/**
 * The topic of one session, by the hash of its id, so a revoked session drops out of caches.
 *
 * @example
 * ```ts
 * sessionTopic("q3v0pX2b9kQ"); // "session:q3v0pX2b9kQ"
 * ```
 */
export function sessionTopic(idHash: string): string {
  if (typeof idHash !== "string" || !OPAQUE.test(idHash)) {
    throw new TypeError(
      `Cannot build topic "session": ${JSON.stringify(idHash)} is not a session id hash`,
    );
  }
  return `session:${idHash}`;
}

/** The topic of the feature flags every tenant shares. */
export const GLOBAL_FLAGS_TOPIC = "flags:*";

/**
 * The topic of a tenant's feature flags, or of the global ones when `tenantId` is `null`.
 * A tenant's flags depend on both, so read both versions.
 *
 * @example
 * ```ts
 * flagsTopic(null); // "flags:*"
 * flagsTopic("0b7e7dc0-8f4e-4c55-9d0a-6d8b7b0a4e11"); // "flags:0b7e7dc0-..."
 * ```
 */
export function flagsTopic(tenantId: string | null): string {
  return tenantId === null ? GLOBAL_FLAGS_TOPIC : uuidTopic("flags", tenantId);
}

/**
 * The kind of a topic (the part before the colon), or `undefined` for a string that is not a
 * topic of the map.
 *
 * @example
 * ```ts
 * topicKind("project:5c0f3a36-21f5-4d1e-9a53-0c6f5b7d2e10"); // "project"
 * topicKind("nonsense"); // undefined
 * ```
 */
export function topicKind(topic: string): TopicKind | undefined {
  const kind = topic.slice(0, topic.indexOf(":"));
  return KINDS.has(kind) ? kind as TopicKind : undefined;
}
