/**
 * Resource loaders: the session, the request context, the project list and a project's
 * dashboard, each through the cache under a key that carries the versions of the topics it was
 * built from — or straight from the database when the cache is off (the baseline).
 *
 * @module
 */
import { Cache, type CacheKey, cacheKey, type CacheResult } from "../cache/mod.ts";
import type { Db } from "../db/connection.ts";
import { findSession, loadMembership, type SessionRecord } from "../db/accounts.ts";
import { listProjects, loadProjectDashboard } from "../db/projects.ts";
import type { ProjectDashboard, ProjectSummary } from "../model/types.ts";
import {
  flagsTopic,
  GLOBAL_FLAGS_TOPIC,
  membersTopic,
  projectListTopic,
  projectTopic,
  sessionTopic,
  tenantTopic,
  userTopic,
} from "../model/topics.ts";
import type { RequestContext } from "./context.ts";
import { CACHE_FLAG, evaluateFlags, type FlagTable } from "../flags/mod.ts";
import { effectiveFlagSettings } from "../db/flags.ts";

/** Where versions come from: the invalidation bus's in-memory map. */
export interface VersionSource {
  version(topic: string): number;
}

/**
 * How a value was served, for `Cache-Status`: `collapsed` is a miss that waited for another
 * request's load instead of starting its own.
 */
export type Served = CacheResult<unknown>["status"] | "collapsed" | "bypass";

function servedBy(result: CacheResult<unknown>): Served {
  return result.status === "miss" && result.collapsed ? "collapsed" : result.status;
}

/** A loaded value and how it was served. */
export interface Loaded<T> {
  value: T;
  served: Served;
}

/** Options of {@linkcode Loaders}. */
export interface LoadersOptions {
  db: Db;
  versions: VersionSource;
  /** The cache; null runs the uncached baseline. */
  cache: Cache | null;
  /** Key namespace, so test runs sharing a Redis never meet. Default `beacon`. */
  namespace?: string;
  /**
   * Flag settings in memory: the `cache` flag decides, per tenant and user, whether to use the
   * cache at all. Without it, the cache is used for everyone.
   */
  flags?: FlagTable;
}

/** The cached part of the context: the same for every session of a user. */
type CachedContext = Omit<RequestContext, "sessionHash" | "sessionExpiresAt">;

function withSession(
  cached: CachedContext | null,
  session: SessionRecord,
): RequestContext | null {
  return cached === null
    ? null
    : { ...cached, sessionHash: session.idHash, sessionExpiresAt: Date.parse(session.expiresAt) };
}

// Bump when a cached value's shape changes: old entries are then never read.
const SCHEMA = 1;

const WARM = { warm: true } as const;

/** A cached resource: whose it is, its key's kind and id, its topics and its loader. */
interface Cached<T> {
  tenantId: string;
  kind: string;
  id: string;
  topics: readonly string[];
  load: () => Promise<T>;
}
const SESSIONS = "sessions";
const SENSITIVE = ["user.email", "user.phone"] as const;
// Remembered keys and topic lists; cleared whole when full (they are rebuilt cheaply).
const MAX_MEMO = 50_000;

/** Loads what requests need, through the cache. */
export class Loaders {
  #db: Db;
  #versions: VersionSource;
  #cache: Cache | null;
  #namespace: string;
  #flags?: FlagTable;
  // Sessions are looked up before the tenant is known, so before the `cache` flag can be
  // read: they stay in this process (L1 only) and never reach Redis. A miss is one lookup by
  // primary key.
  #sessions: Cache | null;
  #keys = new Map<string, { stamp: string; key: CacheKey }>();
  // Contexts this process loaded or took stale for their request (the rest were hits).
  #served = new WeakMap<RequestContext, Served>();
  #topics = new Map<string, readonly string[]>();

  constructor(options: LoadersOptions) {
    this.#db = options.db;
    this.#versions = options.versions;
    this.#cache = options.cache;
    this.#namespace = options.namespace ?? "beacon";
    this.#flags = options.flags;
    this.#sessions = options.cache && new Cache({ l1MaxBytes: 8 * 1024 * 1024, ttlMs: 60_000 });
  }

  /**
   * Whether a tenant's requests use the cache: the cache is on and the tenant's `cache` flag
   * admits the user (its rollout percent is the canary), or, without a user, anyone of the
   * tenant. Synchronous, from memory, so it is decided before any cache access.
   */
  cachedFor(tenantId: string, userId?: string): boolean {
    if (this.#cache === null) return false;
    return this.#flags?.allows(CACHE_FLAG, tenantId, userId) ?? true;
  }

  /** The topics the request context is built from (remembered: it runs on every request). */
  contextTopics(userId: string, tenantId: string): readonly string[] {
    return this.#remember(`context\n${userId}\n${tenantId}`, () => [
      userTopic(userId),
      membersTopic(tenantId),
      tenantTopic(tenantId),
      flagsTopic(tenantId),
      GLOBAL_FLAGS_TOPIC,
    ]);
  }

  /** The topics a session record is built from: its own (bumped when it is revoked). */
  sessionTopics(sessionHash: string): readonly string[] {
    return this.#remember(`session\n${sessionHash}`, () => [sessionTopic(sessionHash)]);
  }

  #remember(id: string, topics: () => string[]): readonly string[] {
    let found = this.#topics.get(id);
    if (!found) {
      if (this.#topics.size >= MAX_MEMO) this.#topics.clear();
      found = topics();
      this.#topics.set(id, found);
    }
    return found;
  }

  /** The current version of a topic. */
  version(topic: string): number {
    return this.#versions.version(topic);
  }

  /**
   * The key of a value under the current versions of its topics. Keys are built once per
   * version stamp and remembered, so the hot path compares a few numbers instead of encoding
   * segments.
   */
  #key(tenant: string, kind: string, id: string, topics: readonly string[]): CacheKey {
    const memoId = `${kind}\n${tenant}\n${id}`;
    let memo = this.#keys.get(memoId);
    let stamp = "";
    for (const topic of topics) stamp += this.#versions.version(topic) + ",";
    if (memo?.stamp === stamp) return memo.key;
    const key = this.#keyAt(tenant, kind, id, topics, (topic) => this.#versions.version(topic));
    if (this.#keys.size >= MAX_MEMO) this.#keys.clear();
    memo = { stamp, key };
    this.#keys.set(memoId, memo);
    return key;
  }

  /** The key of a value under the versions `versionOf` gives its topics. */
  #keyAt(
    tenant: string,
    kind: string,
    id: string,
    topics: readonly string[],
    versionOf: (topic: string) => number,
  ): CacheKey {
    const versions: Record<string, number> = {};
    for (const topic of topics) versions[topic] = versionOf(topic);
    return cacheKey({ namespace: this.#namespace, schema: SCHEMA, tenant, kind, id, versions });
  }

  /**
   * The request context for a session hash, or null. On a warm L1 it is returned
   * synchronously, without any database or Redis call (the 304 path).
   */
  context(sessionHash: string): RequestContext | null | Promise<RequestContext | null> {
    const cache = this.#cache;
    if (!cache) return this.#loadContextUncached(sessionHash);
    const topics = this.sessionTopics(sessionHash);
    const sessionKey = this.#key(SESSIONS, "session", sessionHash, topics);
    const session = this.#sessions!.getL1<SessionRecord | null>(sessionKey)?.value;
    if (session !== undefined) {
      const ctx = this.#contextFromL1(session);
      if (ctx !== undefined) return ctx;
    }
    return this.#loadContext(sessionHash, sessionKey);
  }

  #contextFromL1(session: SessionRecord | null): RequestContext | null | undefined {
    if (session === null || Date.parse(session.expiresAt) <= Date.now()) return null;
    if (!this.cachedFor(session.tenantId, session.userId)) return undefined;
    const cached = this.#cache!.getL1<CachedContext | null>(this.#contextKey(session))?.value;
    return cached === undefined ? undefined : withSession(cached, session);
  }

  #contextKey(session: SessionRecord): CacheKey {
    const topics = this.contextTopics(session.userId, session.tenantId);
    return this.#key(session.tenantId, "context", session.userId, topics);
  }

  async #loadContext(sessionHash: string, sessionKey: CacheKey): Promise<RequestContext | null> {
    const { value: session } = await this.#sessions!.getOrLoad(
      sessionKey,
      () => findSession(this.#db, sessionHash),
    );
    if (session === null || Date.parse(session.expiresAt) <= Date.now()) return null;
    if (!this.cachedFor(session.tenantId, session.userId)) {
      return withSession(await this.#buildContext(session), session);
    }
    const result = await this.#cache!.getOrLoad(
      this.#contextKey(session),
      () => this.#buildContext(session),
      { sensitiveFields: SENSITIVE },
    );
    const ctx = withSession(result.value, session);
    if (ctx && result.status !== "hit") this.#served.set(ctx, servedBy(result));
    return ctx;
  }

  /**
   * How a context was served: `hit` unless this request loaded it (`miss`) or took it stale,
   * and `bypass` when the cache is off for its user.
   */
  contextServed(ctx: RequestContext): Served {
    if (!this.cachedFor(ctx.tenant.id, ctx.user.id)) return "bypass";
    return this.#served.get(ctx) ?? "hit";
  }

  async #loadContextUncached(sessionHash: string): Promise<RequestContext | null> {
    const session = await findSession(this.#db, sessionHash);
    return session ? withSession(await this.#buildContext(session), session) : null;
  }

  async #buildContext(session: SessionRecord): Promise<CachedContext | null> {
    const membership = await loadMembership(this.#db, session.userId, session.tenantId);
    if (!membership) return null;
    const flags = evaluateFlags(
      await effectiveFlagSettings(this.#db, session.tenantId),
      session.userId,
    );
    return { ...membership, flags };
  }

  /** The topics a project's dashboard is built from. */
  dashboardTopics(projectId: string): readonly string[] {
    return this.#remember(`dashboard\n${projectId}`, () => [projectTopic(projectId)]);
  }

  /** The topics the tenant's project list is built from. */
  projectListTopics(tenantId: string): readonly string[] {
    return this.#remember(`projects\n${tenantId}`, () => [projectListTopic(tenantId)]);
  }

  /**
   * A project's dashboard, or null when the tenant has no such project. `userId`, the reader,
   * places the request in the `cache` flag's canary; without it the tenant's setting decides.
   */
  dashboard(
    tenantId: string,
    projectId: string,
    userId?: string,
  ): Promise<Loaded<ProjectDashboard | null>> {
    return this.#through(userId, this.#dashboard(tenantId, projectId));
  }

  /** The tenant's projects; `userId` as for {@linkcode Loaders.dashboard}. */
  projectList(tenantId: string, userId?: string): Promise<Loaded<ProjectSummary[]>> {
    return this.#through(userId, this.#projectList(tenantId));
  }

  #dashboard(tenantId: string, projectId: string): Cached<ProjectDashboard | null> {
    return {
      tenantId,
      kind: "dashboard",
      id: projectId,
      topics: this.dashboardTopics(projectId),
      load: () => loadProjectDashboard(this.#db, tenantId, projectId),
    };
  }

  #projectList(tenantId: string): Cached<ProjectSummary[]> {
    return {
      tenantId,
      kind: "projects",
      id: tenantId,
      topics: this.projectListTopics(tenantId),
      load: () => listProjects(this.#db, tenantId),
    };
  }

  /**
   * Refills a project's dashboard and the tenant's project list under the versions a write
   * is about to make current (`versionOf`), so the readers that follow the bump all hit.
   * Counted as warms, not misses. Does nothing while the cache is off for the tenant.
   *
   * @param tenantId The project's tenant.
   * @param projectId The project written.
   * @param versionOf The version each topic will have once the write's bumps are applied.
   */
  async warmProject(
    tenantId: string,
    projectId: string,
    versionOf: (topic: string) => number,
  ): Promise<void> {
    const cache = this.#cache;
    if (!cache || !this.cachedFor(tenantId)) return;
    const warm = <T>({ tenantId, kind, id, topics, load }: Cached<T>) =>
      cache.getOrLoad(this.#keyAt(tenantId, kind, id, topics, versionOf), load, WARM);
    await Promise.all([
      warm(this.#dashboard(tenantId, projectId)),
      warm(this.#projectList(tenantId)),
    ]);
  }

  /** Loads through the cache when it is on for the tenant and user, else straight. */
  async #through<T>(userId: string | undefined, cached: Cached<T>): Promise<Loaded<T>> {
    const { tenantId, kind, id, topics, load } = cached;
    if (!this.#cache || !this.cachedFor(tenantId, userId)) {
      return { value: await load(), served: "bypass" };
    }
    const result = await this.#cache.getOrLoad(this.#key(tenantId, kind, id, topics), load);
    return { value: result.value, served: servedBy(result) };
  }
}
