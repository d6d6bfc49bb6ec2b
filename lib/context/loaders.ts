/**
 * Resource loaders: the session, the request context, the project list and a project's
 * dashboard, each through the cache under a key that carries the versions of the topics it was
 * built from — or straight from the database when the cache is off (the baseline).
 *
 * @module
 */
import { type Cache, type CacheKey, cacheKey, type CacheResult } from "../cache/mod.ts";
import type { Db } from "../db/connection.ts";
import { findSession, loadMembership, type SessionRecord } from "../db/accounts.ts";
import { listProjects, loadProjectDashboard } from "../db/projects.ts";
import type { ProjectDashboard, ProjectSummary } from "../db/types.ts";
import {
  flagsTopic,
  GLOBAL_FLAGS_TOPIC,
  membersTopic,
  projectListTopic,
  projectTopic,
  sessionTopic,
  tenantTopic,
  userTopic,
} from "../db/relationships.ts";
import type { RequestContext } from "./context.ts";
import { loadFlags } from "./flags.ts";

/** Where versions come from: the invalidation bus's in-memory map. */
export interface VersionSource {
  version(topic: string): number;
}

/** How a value was served, for `Cache-Status`. */
export type Served = CacheResult<unknown>["status"] | "bypass";

/** A loaded value and how it was served. */
export interface Loaded<T> {
  value: T;
  served: Served;
  tier?: "l1" | "l2" | "load";
}

/** Options of {@linkcode Loaders}. */
export interface LoadersOptions {
  db: Db;
  versions: VersionSource;
  /** The cache; null runs the uncached baseline. */
  cache: Cache | null;
  /** Key namespace, so test runs sharing a Redis never meet. Default `beacon`. */
  namespace?: string;
}

/** The cached part of the context: the same for every session of a user. */
type CachedContext = Omit<RequestContext, "sessionHash">;

function withSession(
  cached: CachedContext | null,
  session: SessionRecord,
): RequestContext | null {
  return cached === null ? null : { ...cached, sessionHash: session.idHash };
}

// Bump when a cached value's shape changes: old entries are then never read.
const SCHEMA = 1;
const SESSIONS = "sessions";
const SENSITIVE = ["user.email", "user.phone"] as const;

/** Loads what requests need, through the cache. */
export class Loaders {
  #db: Db;
  #versions: VersionSource;
  #cache: Cache | null;
  #namespace: string;

  constructor(options: LoadersOptions) {
    this.#db = options.db;
    this.#versions = options.versions;
    this.#cache = options.cache;
    this.#namespace = options.namespace ?? "beacon";
  }

  /** Whether the cache is on. */
  get cached(): boolean {
    return this.#cache !== null;
  }

  /** The topics the request context is built from. */
  contextTopics(userId: string, tenantId: string): string[] {
    return [
      userTopic(userId),
      membersTopic(tenantId),
      tenantTopic(tenantId),
      flagsTopic(tenantId),
      GLOBAL_FLAGS_TOPIC,
    ];
  }

  /** The current version of a topic. */
  version(topic: string): number {
    return this.#versions.version(topic);
  }

  #key(tenant: string, kind: string, id: string, topics: string[]): CacheKey {
    const versions: Record<string, number> = {};
    for (const topic of topics) versions[topic] = this.#versions.version(topic);
    return cacheKey({ namespace: this.#namespace, schema: SCHEMA, tenant, kind, id, versions });
  }

  /**
   * The request context for a session hash, or null. On a warm L1 this settles without any
   * database or Redis call, and synchronously when `sync` is wanted (the 304 path).
   */
  context(sessionHash: string): RequestContext | null | Promise<RequestContext | null> {
    const cache = this.#cache;
    if (!cache) return this.#loadContextUncached(sessionHash);
    const sessionKey = this.#key(SESSIONS, "session", sessionHash, [sessionTopic(sessionHash)]);
    const session = cache.getL1<SessionRecord | null>(sessionKey)?.value;
    if (session !== undefined) {
      const ctx = this.#contextFromL1(session);
      if (ctx !== undefined) return ctx;
    }
    return this.#loadContext(sessionHash, sessionKey);
  }

  #contextFromL1(session: SessionRecord | null): RequestContext | null | undefined {
    if (session === null || Date.parse(session.expiresAt) <= Date.now()) return null;
    const cached = this.#cache!.getL1<CachedContext | null>(this.#contextKey(session))?.value;
    return cached === undefined ? undefined : withSession(cached, session);
  }

  #contextKey(session: SessionRecord): CacheKey {
    const topics = this.contextTopics(session.userId, session.tenantId);
    return this.#key(session.tenantId, "context", session.userId, topics);
  }

  async #loadContext(sessionHash: string, sessionKey: CacheKey): Promise<RequestContext | null> {
    const cache = this.#cache!;
    const { value: session } = await cache.getOrLoad(
      sessionKey,
      () => findSession(this.#db, sessionHash),
      { ttlMs: 60_000 },
    );
    if (session === null || Date.parse(session.expiresAt) <= Date.now()) return null;
    const { value } = await cache.getOrLoad(
      this.#contextKey(session),
      () => this.#buildContext(session),
      { sensitiveFields: SENSITIVE },
    );
    return withSession(value, session);
  }

  async #loadContextUncached(sessionHash: string): Promise<RequestContext | null> {
    const session = await findSession(this.#db, sessionHash);
    return session ? withSession(await this.#buildContext(session), session) : null;
  }

  async #buildContext(session: SessionRecord): Promise<CachedContext | null> {
    const membership = await loadMembership(this.#db, session.userId, session.tenantId);
    if (!membership) return null;
    const flags = await loadFlags(this.#db, session.tenantId, session.userId);
    return { ...membership, flags };
  }

  /** The topics a project's dashboard is built from. */
  dashboardTopics(projectId: string): string[] {
    return [projectTopic(projectId)];
  }

  /** The topics the tenant's project list is built from. */
  projectListTopics(tenantId: string): string[] {
    return [projectListTopic(tenantId)];
  }

  /** A project's dashboard, or null when the tenant has no such project. */
  async dashboard(tenantId: string, projectId: string): Promise<Loaded<ProjectDashboard | null>> {
    const load = () => loadProjectDashboard(this.#db, tenantId, projectId);
    if (!this.#cache) return { value: await load(), served: "bypass" };
    const key = this.#key(tenantId, "dashboard", projectId, this.dashboardTopics(projectId));
    const result = await this.#cache.getOrLoad(key, load);
    return { value: result.value, served: result.status, tier: result.tier };
  }

  /** The tenant's projects. */
  async projectList(tenantId: string): Promise<Loaded<ProjectSummary[]>> {
    const load = () => listProjects(this.#db, tenantId);
    if (!this.#cache) return { value: await load(), served: "bypass" };
    const key = this.#key(tenantId, "projects", tenantId, this.projectListTopics(tenantId));
    const result = await this.#cache.getOrLoad(key, load);
    return { value: result.value, served: result.status, tier: result.tier };
  }
}
