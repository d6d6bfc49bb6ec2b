/**
 * The request context of a session, through the cache: sessions in this process only (they
 * are looked up before the tenant, and so its `cache` flag, is known), the user's context in
 * both tiers under the versions of its topics — or straight from the database when the cache
 * is off.
 *
 * @module
 */
import { Cache, type CacheKey } from "../cache/mod.ts";
import type { Db } from "../db/connection.ts";
import { findSession, loadMembership, type SessionRecord } from "../db/accounts.ts";
import { effectiveFlagSettings } from "../db/flags.ts";
import { evaluateFlags } from "../flags/mod.ts";
import {
  flagsTopic,
  GLOBAL_FLAGS_TOPIC,
  membersTopic,
  sessionTopic,
  tenantTopic,
  userTopic,
} from "../model/topics.ts";
import type { RequestContext } from "./context.ts";
import type { VersionedKeys } from "./keys.ts";
import { type Served, servedBy, STALE_AFTER_MS } from "./served.ts";

/** The cached part of the context: the same for every session of a user. */
type CachedContext = Omit<RequestContext, "sessionHash" | "sessionExpiresAt">;

const SESSIONS = "sessions";
const SENSITIVE = ["user.email", "user.phone"] as const;
const MAX_REMEMBERED = 50_000;

function withSession(cached: CachedContext | null, session: SessionRecord): RequestContext | null {
  return cached === null
    ? null
    : { ...cached, sessionHash: session.idHash, sessionExpiresAt: Date.parse(session.expiresAt) };
}

/** Whether a session exists and has not expired. */
function live(session: SessionRecord | null): session is SessionRecord {
  return session !== null && Date.parse(session.expiresAt) > Date.now();
}

/** Options of {@linkcode ContextLoader}. */
export interface ContextLoaderOptions {
  db: Db;
  keys: VersionedKeys;
  /** The cache; null runs the uncached baseline. */
  cache: Cache | null;
  /** Whether the cache is on for a tenant and user (the `cache` flag). */
  cachedFor(tenantId: string, userId?: string): boolean;
}

/** Loads request contexts by session hash. */
export class ContextLoader {
  #db: Db;
  #keys: VersionedKeys;
  #cache: Cache | null;
  #cachedFor: ContextLoaderOptions["cachedFor"];
  // A miss is one lookup by primary key; sessions never reach Redis.
  #sessions: Cache | null;
  // Contexts this process loaded or took stale for their request (the rest were hits).
  #served = new WeakMap<RequestContext, Served>();
  #topics = new Map<string, readonly string[]>();

  /** @param options The database, keys, cache and the `cache` flag's answer. */
  constructor(options: ContextLoaderOptions) {
    this.#db = options.db;
    this.#keys = options.keys;
    this.#cache = options.cache;
    this.#cachedFor = options.cachedFor;
    this.#sessions = options.cache && new Cache({
      l1MaxBytes: 8 * 1024 * 1024,
      ttlMs: 60_000,
      softTimeoutMs: STALE_AFTER_MS,
    });
  }

  /** The topics the request context is built from (remembered: read on every request). */
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
      if (this.#topics.size >= MAX_REMEMBERED) this.#topics.clear();
      found = topics();
      this.#topics.set(id, found);
    }
    return found;
  }

  /**
   * The request context for a session hash, or null. On a warm L1 it is returned
   * synchronously, without any database or Redis call (the 304 path).
   */
  context(sessionHash: string): RequestContext | null | Promise<RequestContext | null> {
    if (!this.#cache) return this.#loadUncached(sessionHash);
    const sessionKey = this.#sessionKey(sessionHash);
    const session = this.#sessions!.getL1<SessionRecord | null>(sessionKey)?.value;
    if (session !== undefined) {
      const ctx = this.#fromL1(session);
      if (ctx !== undefined) return ctx;
    }
    return this.#load(sessionHash, sessionKey);
  }

  /**
   * Loads the context of a session just created, ahead of its first request (sign-in is the
   * write that makes it): the session is kept as created and the user's context filled unless
   * this process holds it. Counted as a warm, not a miss, like a writer's refill.
   *
   * @param session The session as it was stored.
   */
  async warm(session: SessionRecord): Promise<void> {
    if (!this.#cache) return;
    await this.#sessions!.getOrLoad(
      this.#sessionKey(session.idHash),
      () => Promise.resolve(session),
      { warm: true },
    );
    if (!this.#cachedFor(session.tenantId, session.userId)) return;
    const key = this.#contextKey(session);
    if (this.#cache.getL1(key) !== undefined) return;
    await this.#cache.getOrLoad(key, () => this.#build(session), {
      sensitiveFields: SENSITIVE,
      warm: true,
    });
  }

  /**
   * How a context was served: `hit` unless this request loaded it (`miss`) or took it stale,
   * and `bypass` when the cache is off for its user.
   */
  served(ctx: RequestContext): Served {
    if (!this.#cachedFor(ctx.tenant.id, ctx.user.id)) return "bypass";
    return this.#served.get(ctx) ?? "hit";
  }

  #sessionKey(sessionHash: string): CacheKey {
    const topics = this.sessionTopics(sessionHash);
    return this.#keys.current({ tenantId: SESSIONS, kind: "session", id: sessionHash, topics });
  }

  #contextKey(session: SessionRecord): CacheKey {
    const topics = this.contextTopics(session.userId, session.tenantId);
    return this.#keys.current({
      tenantId: session.tenantId,
      kind: "context",
      id: session.userId,
      topics,
    });
  }

  #fromL1(session: SessionRecord | null): RequestContext | null | undefined {
    if (!live(session)) return null;
    if (!this.#cachedFor(session.tenantId, session.userId)) return undefined;
    const cached = this.#cache!.getL1<CachedContext | null>(this.#contextKey(session))?.value;
    return cached === undefined ? undefined : withSession(cached, session);
  }

  async #load(sessionHash: string, sessionKey: CacheKey): Promise<RequestContext | null> {
    const { value: session } = await this.#sessions!.getOrLoad(
      sessionKey,
      () => findSession(this.#db, sessionHash),
    );
    if (!live(session)) return null;
    if (!this.#cachedFor(session.tenantId, session.userId)) {
      return withSession(await this.#build(session), session);
    }
    const result = await this.#cache!.getOrLoad(
      this.#contextKey(session),
      () => this.#build(session),
      { sensitiveFields: SENSITIVE },
    );
    const ctx = withSession(result.value, session);
    if (ctx && result.status !== "hit") this.#served.set(ctx, servedBy(result));
    return ctx;
  }

  async #loadUncached(sessionHash: string): Promise<RequestContext | null> {
    const session = await findSession(this.#db, sessionHash);
    return session ? withSession(await this.#build(session), session) : null;
  }

  async #build(session: SessionRecord): Promise<CachedContext | null> {
    const membership = await loadMembership(this.#db, session.userId, session.tenantId);
    if (!membership) return null;
    const settings = await effectiveFlagSettings(this.#db, session.tenantId);
    return { ...membership, flags: evaluateFlags(settings, session.userId) };
  }
}
