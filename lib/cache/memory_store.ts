/**
 * An in-process {@link L2Store}: used when `REDIS_URL` is unset, and in unit tests.
 *
 * @module
 */
import type { L2Store } from "./l2_store.ts";

/** Options of {@link MemoryStore}. */
export interface MemoryStoreOptions {
  /** Most entries (values and leases) kept; the oldest written go first. Default 100,000. */
  maxEntries?: number;
  /** Clock, for tests. Default `Date.now`. */
  now?: () => number;
}

interface Slot {
  value: string;
  expiresAt: number;
}

/**
 * A Map-backed store with lazy expiry; several caches in one process may share one.
 *
 * @example
 * ```ts
 * import { MemoryStore } from "./memory_store.ts";
 * const store = new MemoryStore({ maxEntries: 1000 });
 * await store.acquireLease("lease", "me", 500); // true
 * await store.acquireLease("lease", "you", 500); // false
 * await store.close();
 * ```
 */
export class MemoryStore implements L2Store {
  #slots = new Map<string, Slot>();
  #maxEntries: number;
  #now: () => number;

  /** @param options Size bound and clock. */
  constructor(options: MemoryStoreOptions = {}) {
    this.#maxEntries = options.maxEntries ?? 100_000;
    this.#now = options.now ?? Date.now;
  }

  /** Always true: memory is always there. */
  get ready(): boolean {
    return true;
  }

  /** Entries held, expired ones included until they are touched. */
  get size(): number {
    return this.#slots.size;
  }

  #live(key: string): Slot | undefined {
    const slot = this.#slots.get(key);
    if (slot === undefined) return undefined;
    if (slot.expiresAt <= this.#now()) {
      this.#slots.delete(key);
      return undefined;
    }
    return slot;
  }

  #put(key: string, value: string, ttlMs: number): void {
    this.#slots.delete(key);
    if (this.#slots.size >= this.#maxEntries) {
      const oldest = this.#slots.keys().next();
      if (!oldest.done) this.#slots.delete(oldest.value);
    }
    this.#slots.set(key, { value, expiresAt: this.#now() + ttlMs });
  }

  /** @inheritdoc */
  get(key: string): Promise<string | undefined> {
    return Promise.resolve(this.#live(key)?.value);
  }

  /** @inheritdoc */
  set(key: string, value: string, ttlMs: number): Promise<void> {
    this.#put(key, value, ttlMs);
    return Promise.resolve();
  }

  /** @inheritdoc */
  delete(key: string): Promise<void> {
    this.#slots.delete(key);
    return Promise.resolve();
  }

  /** @inheritdoc */
  acquireLease(key: string, token: string, ttlMs: number): Promise<boolean> {
    if (this.#live(key) !== undefined) return Promise.resolve(false);
    this.#put(key, token, ttlMs);
    return Promise.resolve(true);
  }

  /** @inheritdoc */
  releaseLease(key: string, token: string): Promise<void> {
    if (this.#live(key)?.value === token) this.#slots.delete(key);
    return Promise.resolve();
  }

  /** Drops every entry. */
  close(): Promise<void> {
    this.#slots.clear();
    return Promise.resolve();
  }
}
