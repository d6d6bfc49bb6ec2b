/**
 * The read model's loader: request contexts by session, and every {@linkcode Resource} through
 * the cache under a key that carries the versions of its topics — or straight from the
 * database when the cache is off, for everyone (`CACHE=off`, the baseline) or for a tenant and
 * user by the `cache` flag.
 *
 * @module
 */
import type { Cache, CacheResult } from "../cache/mod.ts";
import type { Db } from "../db/connection.ts";
import type { SessionRecord } from "../db/accounts.ts";
import { asUnavailable } from "../db/unavailable.ts";
import { CACHE_FLAG, type FlagTable } from "../flags/mod.ts";
import type { ProjectDashboard, ProjectSummary } from "../model/types.ts";
import { topicKind } from "../model/topics.ts";
import type { RequestContext } from "./context.ts";
import { ContextLoader } from "./contexts.ts";
import { VersionedKeys, type VersionSource } from "./keys.ts";
import { type Resource, Resources } from "./resource.ts";
import { type Loaded, type Served, servedBy, STALE_AFTER_MS } from "./served.ts";
import { settleWithin } from "./_settle_within.ts";

export type { Loaded, Served, VersionSource };

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
  /**
   * How long a reader holding a stale value waits for a fresher one before it is served the
   * stale one. Default {@linkcode STALE_AFTER_MS}.
   */
  staleAfterMs?: number;
}

const WARM = { warm: true } as const;
/** Pauses between read-ahead's asks of L2 for the writer's refill (~150 ms in all). */
const READ_AHEAD_PAUSES_MS = [10, 20, 40, 80] as const;
// A resource that does not exist (null) is remembered here only, and only for a moment.
const READ = { absentTtlMs: 5_000 } as const;

/**
 * Loads what requests need, through the cache.
 *
 * @example
 * ```ts ignore
 * const loaders = new Loaders({ db, versions: bus, cache });
 * const { value, served } = await loaders.read(loaders.resources.dashboard(tenantId, id), userId);
 * ```
 */
export class Loaders {
  /** The descriptors of every cached resource. */
  readonly resources: Resources;
  #versions: VersionSource;
  #cache: Cache | null;
  #flags?: FlagTable;
  #keys: VersionedKeys;
  #contexts: ContextLoader;
  #staleAfterMs: number;

  /** @param options The database, versions, cache, namespace and flags. */
  constructor(options: LoadersOptions) {
    this.resources = new Resources(options.db);
    this.#versions = options.versions;
    this.#cache = options.cache;
    this.#flags = options.flags;
    this.#keys = new VersionedKeys(options.namespace ?? "beacon", options.versions);
    this.#staleAfterMs = options.staleAfterMs ?? STALE_AFTER_MS;
    this.#contexts = new ContextLoader({
      db: options.db,
      keys: this.#keys,
      cache: options.cache,
      cachedFor: (tenantId, userId) => this.cachedFor(tenantId, userId),
    });
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

  /** The current version of a topic. */
  version(topic: string): number {
    return this.#versions.version(topic);
  }

  /** The topics the request context is built from. */
  contextTopics(userId: string, tenantId: string): readonly string[] {
    return this.#contexts.contextTopics(userId, tenantId);
  }

  /** The topics a session record is built from: its own (bumped when it is revoked). */
  sessionTopics(sessionHash: string): readonly string[] {
    return this.#contexts.sessionTopics(sessionHash);
  }

  /**
   * The request context for a session hash, or null. On a warm L1 it is returned
   * synchronously, without any database or Redis call (the 304 path).
   */
  context(sessionHash: string): RequestContext | null | Promise<RequestContext | null> {
    return this.#contexts.context(sessionHash);
  }

  /**
   * Fills the context of a session just created (at sign-in), so its first request hits;
   * counted as a warm.
   */
  warmContext(session: SessionRecord): Promise<void> {
    return this.#contexts.warm(session);
  }

  /** How a context was served: `hit`, `miss`, `stale`, `collapsed` or `bypass`. */
  contextServed(ctx: RequestContext): Served {
    return this.#contexts.served(ctx);
  }

  /**
   * Reads a resource through the cache when it is on for its tenant and `userId` (the reader,
   * who places the request in the `cache` flag's canary), else straight from the database.
   *
   * When the resource's versions moved since this process last read it and its current value
   * is not in L1, a value of earlier versions is at hand: if the current one cannot be loaded
   * (the database is out of reach) or has not come within `staleAfterMs`, the earlier one is
   * served stale while within its grace period (invariant 4), marked `superseded`.
   */
  async read<T>(resource: Resource<T>, userId?: string): Promise<Loaded<T>> {
    const cache = this.#cache;
    if (!cache || !this.cachedFor(resource.tenantId, userId)) {
      return { value: await resource.load(), served: "bypass" };
    }
    const key = this.#keys.current(resource);
    const hit = cache.getL1<T>(key);
    if (hit) return loadedFrom(hit);
    const current = cache.getOrLoad(key, resource.load, READ);
    const earlier = this.#keys.earlier(resource);
    if (earlier.length === 0) return loadedFrom(await current);
    const settled = await settleWithin(current, this.#staleAfterMs);
    if (settled.state === "fulfilled") return loadedFrom(settled.value);
    if (settled.state === "rejected" && !asUnavailable(settled.error)) throw settled.error;
    // Versions moved (a write committed as the database went away, one made outside the app,
    // or a load that is slow to come) and nothing holds the new ones yet.
    for (const earlierKey of earlier) {
      const stale = await cache.getStale<T>(earlierKey);
      if (stale) return { ...loadedFrom(stale), superseded: true };
    }
    if (settled.state === "rejected") throw settled.error;
    return loadedFrom(await current);
  }

  /**
   * A resource's value when this process holds it under the current versions (L1), without
   * waiting: `undefined` otherwise, or when the cache is off for the tenant and user.
   */
  peek<T>(resource: Resource<T>, userId?: string): T | undefined {
    if (!this.#cache || !this.cachedFor(resource.tenantId, userId)) return undefined;
    return this.#cache.getL1<T>(this.#keys.current(resource))?.value;
  }

  /**
   * A resource's value at other versions (`versionOf`) when this process holds it, without
   * counting a lookup: what a page one write behind holds, to answer it with what changed.
   */
  peekAt<T>(resource: Resource<T>, versionOf: (topic: string) => number): T | undefined {
    if (!this.#cache || !this.cachedFor(resource.tenantId)) return undefined;
    return this.#cache.peekL1<T>(this.#keys.at(resource, versionOf))?.value;
  }

  /**
   * Whether the tenant has the project: from memory when the tenant's catalog is held, so a
   * revalidation is answered without a database or Redis call; else read through the cache.
   */
  hasProject(tenantId: string, projectId: string, userId?: string): boolean | Promise<boolean> {
    const catalog = this.resources.catalog(tenantId);
    const held = this.peek(catalog, userId);
    if (held !== undefined) return held.includes(projectId);
    return this.read(catalog, userId).then(({ value }) => value.includes(projectId));
  }

  /** A project's dashboard, or null when the tenant has no such project. */
  dashboard(
    tenantId: string,
    projectId: string,
    userId?: string,
  ): Promise<Loaded<ProjectDashboard | null>> {
    return this.read(this.resources.dashboard(tenantId, projectId), userId);
  }

  /** The tenant's projects; `userId` as for {@linkcode Loaders.read}. */
  projectList(tenantId: string, userId?: string): Promise<Loaded<ProjectSummary[]>> {
    return this.read(this.resources.projectList(tenantId), userId);
  }

  /**
   * Takes a project's dashboard from L2 into L1 ahead of its readers once an event moved its
   * version, when this process held it at the version before (someone here reads it): the
   * writer's refill stores it there moments after its commit, so L2 is asked a few times over
   * ~150 ms. It never loads from the database: a change nobody refilled (a write outside the
   * app) is loaded by the first reader that asks, as before. The burst of revalidations the
   * event sets off then finds it in L1. Counted as a warm, not a miss.
   *
   * @param event The event the bus applied: its tenant, topic and new version.
   * @returns The read in progress, or null when there is nothing to read ahead.
   */
  readAhead(
    event: { tenant: string | null; topic: string; version: number },
  ): Promise<void> | null {
    const cache = this.#cache;
    const tenant = event.tenant;
    if (!cache || tenant === null || topicKind(event.topic) !== "project") return null;
    const projectId = event.topic.slice(event.topic.indexOf(":") + 1);
    const resource = this.resources.dashboard(tenant, projectId);
    const before = this.#keys.at(
      resource,
      (topic) => topic === event.topic ? event.version - 1 : this.#versions.version(topic),
    );
    if (!cache.peekL1(before)) return null;
    // The same write may have turned the tenant's `cache` flag off: its event came first.
    const settled = this.#flags?.settled() ?? Promise.resolve();
    return settled.then(async () => {
      for (let ask = 0;; ask++) {
        const current = this.#keys.current(resource);
        if (!this.cachedFor(tenant) || cache.peekL1(current)) return;
        if (await cache.warmFromL2(current) || ask === READ_AHEAD_PAUSES_MS.length) return;
        await new Promise((resolve) => setTimeout(resolve, READ_AHEAD_PAUSES_MS[ask]));
      }
    }).catch(() => {});
  }

  /**
   * Refills resources under the versions a write is about to make current (`versionOf`), so
   * the readers that follow the bump all hit. Counted as warms, not misses. Skips the
   * resources of tenants the cache is off for.
   *
   * @param resources What the write changed, as readers will ask for it.
   * @param versionOf The version each topic will have once the write's bumps are applied.
   */
  async warm(
    resources: readonly Resource<unknown>[],
    versionOf: (topic: string) => number,
  ): Promise<void> {
    const cache = this.#cache;
    if (!cache) return;
    await Promise.all(
      resources.filter((resource) => this.cachedFor(resource.tenantId)).map((resource) =>
        cache.getOrLoad(this.#keys.at(resource, versionOf), resource.load, WARM)
      ),
    );
  }
}

function loadedFrom<T>(result: CacheResult<T>): Loaded<T> {
  const loaded: Loaded<T> = { value: result.value, served: servedBy(result) };
  if (result.status === "stale") loaded.freshUntil = result.freshUntil;
  return loaded;
}
