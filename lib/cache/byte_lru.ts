/**
 * The in-process tier: a map bounded by an estimate of the bytes its entries hold, evicting
 * with second chance (CLOCK): a hit only sets a flag, so the hot path never reorders the map.
 *
 * @module
 */

/** What the LRU needs of an entry. */
export interface Sized {
  /** Estimated bytes (the cache uses the serialized length). */
  bytes: number;
  /** Set on every hit; eviction spares a referenced entry once. */
  referenced: boolean;
}

/** Options of {@link ByteLru}. */
export interface ByteLruOptions {
  /** Most bytes held. Entries larger than this are not kept at all. */
  maxBytes: number;
  /** Called for every entry evicted for room (not for deletes or overwrites). */
  onEvict?: () => void;
}

/**
 * A byte-bounded map with approximately-least-recently-used eviction.
 *
 * @example
 * ```ts
 * import { ByteLru } from "./byte_lru.ts";
 * const lru = new ByteLru<{ bytes: number; referenced: boolean }>({ maxBytes: 100 });
 * lru.set("a", { bytes: 60, referenced: false });
 * lru.set("b", { bytes: 60, referenced: false }); // evicts "a"
 * lru.get("a"); // undefined
 * ```
 */
export class ByteLru<E extends Sized> {
  #map = new Map<string, E>();
  #bytes = 0;
  #maxBytes: number;
  #onEvict?: () => void;

  /** @param options Byte bound and eviction hook. */
  constructor(options: ByteLruOptions) {
    if (!(options.maxBytes >= 0)) {
      throw new RangeError(`L1 maxBytes must be zero or more, got ${options.maxBytes}`);
    }
    this.#maxBytes = options.maxBytes;
    this.#onEvict = options.onEvict;
  }

  /** Entries held. */
  get size(): number {
    return this.#map.size;
  }

  /** Estimated bytes held. */
  get bytes(): number {
    return this.#bytes;
  }

  /** The entry under `key`, marked as used. @param key The key. */
  get(key: string): E | undefined {
    const entry = this.#map.get(key);
    if (entry !== undefined) entry.referenced = true;
    return entry;
  }

  /**
   * Stores `entry`, evicting others until the bound holds.
   *
   * @param key The key.
   * @param entry The entry; not kept if larger than `maxBytes`.
   * @returns True if kept.
   */
  set(key: string, entry: E): boolean {
    this.delete(key);
    if (entry.bytes > this.#maxBytes) return false;
    this.#map.set(key, entry);
    this.#bytes += entry.bytes;
    this.#evict();
    return true;
  }

  /** Removes `key`. @param key The key. @returns True if it was there. */
  delete(key: string): boolean {
    const entry = this.#map.get(key);
    if (entry === undefined) return false;
    this.#map.delete(key);
    this.#bytes -= entry.bytes;
    return true;
  }

  /**
   * Removes every entry whose key the predicate accepts.
   *
   * @param predicate Called with each key.
   * @returns How many were removed.
   */
  deleteWhere(predicate: (key: string) => boolean): number {
    let removed = 0;
    for (const key of [...this.#map.keys()]) {
      if (predicate(key) && this.delete(key)) removed++;
    }
    return removed;
  }

  /** Removes everything. */
  clear(): void {
    this.#map.clear();
    this.#bytes = 0;
  }

  #evict(): void {
    // Each entry is spared at most once per pass, so this ends within 2 × size steps.
    let budget = this.#map.size * 2;
    while (this.#bytes > this.#maxBytes && budget-- > 0) {
      const [key, entry] = this.#map.entries().next().value!;
      this.#map.delete(key);
      if (entry.referenced) {
        entry.referenced = false;
        this.#map.set(key, entry);
      } else {
        this.#bytes -= entry.bytes;
        this.#onEvict?.();
      }
    }
  }
}
