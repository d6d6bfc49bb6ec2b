/**
 * The cache topics: their kinds, who may hear of each over the socket, which resource of the
 * page's store each one invalidates, and how each is spelled. Declared once here, in the
 * model that server and browser share; `lib/db/relationships.ts` says which table rows bump
 * which kind, the hub derives its audiences from {@linkcode TOPICS}, and the store its paths.
 *
 * @module
 */

import { CONTEXT_PATH, dashboardPath, MEMBERS_PATH, PROJECT_LIST_PATH } from "./api.ts";

/**
 * Who may be told of a topic's events: the tenant's members, one user, or nobody (sessions
 * end sockets on the server; they are never sent).
 */
export type Audience = "tenant" | "user" | "nobody";

/**
 * What the page's store holds for a topic: the request context, a dashboard, the tenant's
 * project list or its people, or nothing.
 */
export type TopicResource = "context" | "dashboard" | "projects" | "members" | null;

/** What a kind of topic is. */
export interface TopicDeclaration {
  readonly audience: Audience;
  readonly resource: TopicResource;
  /** What its events mean, for the docs and the reader. */
  readonly about: string;
}

/** Every kind of topic, the part of a topic before the colon. */
export const TOPICS = {
  tenant: { audience: "tenant", resource: "context", about: "a tenant's own row" },
  projects: { audience: "tenant", resource: "projects", about: "a tenant's project list" },
  project: { audience: "tenant", resource: "dashboard", about: "one project's dashboard" },
  // The context's role follows `user:<id>`, which a membership row bumps too.
  members: { audience: "tenant", resource: "members", about: "a tenant's members and roles" },
  user: { audience: "user", resource: "context", about: "a user's profile and memberships" },
  session: { audience: "nobody", resource: null, about: "one session (revocation)" },
  flags: { audience: "tenant", resource: "context", about: "feature flags (flags:* global)" },
} as const satisfies Record<string, TopicDeclaration>;

/** The kinds of topic. */
export type TopicKind = keyof typeof TOPICS;

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
 * topic of {@linkcode TOPICS}.
 *
 * @example
 * ```ts
 * topicKind("project:5c0f3a36-21f5-4d1e-9a53-0c6f5b7d2e10"); // "project"
 * topicKind("nonsense"); // undefined
 * ```
 */
export function topicKind(topic: string): TopicKind | undefined {
  const kind = topic.slice(0, topic.indexOf(":"));
  return Object.hasOwn(TOPICS, kind) ? kind as TopicKind : undefined;
}

/**
 * Who may hear of a topic: its kind's audience, except the global flags, which go to
 * everyone. `undefined` for anything that is not a topic.
 *
 * @example
 * ```ts
 * audienceOf("flags:*"); // "everyone"
 * audienceOf("session:ab12"); // "nobody"
 * ```
 */
export function audienceOf(topic: string): Audience | "everyone" | undefined {
  if (topic === GLOBAL_FLAGS_TOPIC) return "everyone";
  const kind = topicKind(topic);
  return kind && TOPICS[kind].audience;
}

/**
 * The session id hash of a `session:` topic, or `undefined` for any other topic.
 *
 * @example
 * ```ts
 * sessionOfTopic("session:ab12"); // "ab12"
 * sessionOfTopic("user:ab12"); // undefined
 * ```
 */
export function sessionOfTopic(topic: string): string | undefined {
  return topicKind(topic) === "session" ? topic.slice(topic.indexOf(":") + 1) : undefined;
}

/**
 * The path of the resource of the page's store that a topic invalidates, if any: the request
 * context for the context's topics, `/api/projects/<id>` for a project's, `/api/projects` for
 * the project list's and `/api/members` for the members'. The tenant's lists have paths of no
 * tenant: the server answers them for the session's.
 *
 * @example
 * ```ts
 * resourcePathOf("project:p1"); // "/api/projects/p1"
 * resourcePathOf("flags:*"); // "/api/context"
 * resourcePathOf("projects:t1"); // "/api/projects"
 * resourcePathOf("session:ab12"); // undefined
 * ```
 */
export function resourcePathOf(topic: string): string | undefined {
  const kind = topicKind(topic);
  switch (kind && TOPICS[kind].resource) {
    case "context":
      return CONTEXT_PATH;
    case "dashboard":
      return dashboardPath(topic.slice(topic.indexOf(":") + 1));
    case "projects":
      return PROJECT_LIST_PATH;
    case "members":
      return MEMBERS_PATH;
    default:
      return undefined;
  }
}
