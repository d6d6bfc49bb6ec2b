/**
 * Cache keys of the read model: a resource's key under the current versions of its topics,
 * built once per version stamp and remembered, or under the versions a write is about to make
 * current.
 *
 * @module
 */
import { type CacheKey, cacheKey } from "../cache/mod.ts";

/** Where versions come from: the invalidation bus's in-memory map. */
export interface VersionSource {
  version(topic: string): number;
}

// Bump when a cached value's shape changes: old entries are then never read.
const SCHEMA = 1;
// Remembered keys; cleared whole when full (they are rebuilt cheaply).
const MAX_REMEMBERED = 50_000;
// Keys of earlier versions remembered per resource, for serving stale while loads fail.
const MAX_EARLIER = 3;

/** What a key is built from. */
export interface KeyedResource {
  readonly tenantId: string;
  readonly kind: string;
  readonly id: string;
  readonly topics: readonly string[];
}

/**
 * Builds resource keys in one namespace.
 *
 * @example
 * ```ts ignore
 * const keys = new VersionedKeys("beacon", bus);
 * keys.current(resources.dashboard(tenantId, projectId)).text; // "beacon:s1:<tenant>:dashboard:..."
 * ```
 */
export class VersionedKeys {
  #namespace: string;
  #versions: VersionSource;
  #memo = new Map<string, { stamp: string; key: CacheKey; earlier: readonly CacheKey[] }>();
  #at = new Map<string, CacheKey>();

  /**
   * @param namespace Key namespace, so test runs sharing a Redis never meet.
   * @param versions The current versions.
   */
  constructor(namespace: string, versions: VersionSource) {
    this.#namespace = namespace;
    this.#versions = versions;
  }

  /**
   * The key under the current versions of the resource's topics. The hot path compares a few
   * numbers instead of encoding segments.
   */
  current(resource: KeyedResource): CacheKey {
    const { tenantId, kind, id, topics } = resource;
    const memoId = `${kind}\n${tenantId}\n${id}`;
    let memo = this.#memo.get(memoId);
    let stamp = "";
    for (const topic of topics) stamp += this.#versions.version(topic) + ",";
    if (memo?.stamp === stamp) return memo.key;
    const key = this.at(resource, (topic) => this.#versions.version(topic));
    if (this.#memo.size >= MAX_REMEMBERED) this.#memo.clear();
    const earlier = memo ? [memo.key, ...memo.earlier].slice(0, MAX_EARLIER) : [];
    memo = { stamp, key, earlier };
    this.#memo.set(memoId, memo);
    return key;
  }

  /**
   * The keys this process built for the resource under earlier versions than its current
   * ones, newest first (a few at most): where an older value may be found when the current one
   * cannot be loaded.
   *
   * @example
   * ```ts ignore
   * for (const key of keys.earlier(resource)) console.log(key.text);
   * ```
   */
  earlier(resource: KeyedResource): readonly CacheKey[] {
    const { tenantId, kind, id } = resource;
    return this.#memo.get(`${kind}\n${tenantId}\n${id}`)?.earlier ?? [];
  }

  /**
   * The key under the versions `versionOf` gives its topics (a writer's refill, or the version
   * a page one write behind holds), remembered like {@linkcode VersionedKeys.current}'s.
   */
  at(resource: KeyedResource, versionOf: (topic: string) => number): CacheKey {
    const { tenantId, kind, id, topics } = resource;
    let memoId = `${kind}\n${tenantId}\n${id}\n`;
    for (const topic of topics) memoId += versionOf(topic) + ",";
    let key = this.#at.get(memoId);
    if (key === undefined) {
      key = this.#build(resource, versionOf);
      if (this.#at.size >= MAX_REMEMBERED) this.#at.clear();
      this.#at.set(memoId, key);
    }
    return key;
  }

  #build(resource: KeyedResource, versionOf: (topic: string) => number): CacheKey {
    const versions: Record<string, number> = {};
    for (const topic of resource.topics) versions[topic] = versionOf(topic);
    return cacheKey({
      namespace: this.#namespace,
      schema: SCHEMA,
      tenant: resource.tenantId,
      kind: resource.kind,
      id: resource.id,
      versions,
    });
  }
}
