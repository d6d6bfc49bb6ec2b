/**
 * The two-tier cache: L1 in process (byte-bounded), L2 shared (Redis or memory), and
 * {@link Cache.getOrLoad} with single flight, cross-instance leases and stale grace.
 *
 * @module
 */
import { ByteLru } from "./byte_lru.ts";
import { CacheCounters } from "./counters.ts";
import { DecryptError, FieldCipher, type SealedField } from "./crypto.ts";
import { openSealed, type Parsed, parseEnvelope, type Timed } from "./_envelope.ts";
import { type L1Entry, rememberInL1 } from "./_l1_entry.ts";
import { writeToL2 } from "./_l2_write.ts";
import type { CacheKey } from "./keys.ts";
import { L2Guard, UNAVAILABLE } from "./l2_guard.ts";
import { probeL2, probeL2Nodes } from "./_l2_probe.ts";
import type { NodeBreakerState } from "./shard_breakers.ts";
import { type Claim, claimOrWait, type LeaseOptions, releaseLease } from "./_lease.ts";
import { collapse, Failure, raceSoftTimeout } from "./_soft_timeout.ts";
import type { CacheOptions, CacheResult, GetOrLoadOptions } from "./cache_options.ts";

export type { CacheOptions, CacheResult, GetOrLoadOptions };

type Loader<T> = () => Promise<T>;

/** What the first L2 read found; `down` when the call failed or was skipped. */
interface L2Read {
  timed?: Timed;
  raw?: string;
  down?: boolean;
}

const NO_L2: L2Read = { down: true };

interface Flight {
  promise?: Promise<CacheResult<unknown>>;
}

/**
 * A two-tier cache of JSON values. Values are shared by reference in L1: treat them as
 * immutable.
 *
 * @example
 * ```ts
 * import { Cache, cacheKey, MemoryStore } from "./mod.ts";
 * const cache = new Cache({ l2: new MemoryStore(), closeL2: true, ttlMs: 30_000 });
 * const key = cacheKey({
 *   namespace: "beacon", schema: 1, tenant: "acme", kind: "dashboard", id: "p1",
 *   versions: { project: 3 },
 * });
 * const { value, status } = await cache.getOrLoad(key, () => Promise.resolve({ name: "P1" }));
 * status; // "miss", then "hit"
 * await cache.close();
 * ```
 */
export class Cache {
  #l1: ByteLru<L1Entry>;
  #guard?: L2Guard;
  #cipher?: FieldCipher;
  #counters: CacheCounters;
  #flights = new Map<string, Flight>();
  #defaults: Required<Omit<GetOrLoadOptions, "softTimeoutMs">> & { softTimeoutMs: number };
  #jitter: number;
  #lease: LeaseOptions;
  #closeL2: boolean;
  #l1MaxBytes: number;

  /** @param options Tiers, timing, failure handling, secrets and counters. */
  constructor(options: CacheOptions = {}) {
    const counters = this.#counters = options.counters ?? new CacheCounters();
    this.#l1MaxBytes = options.l1MaxBytes ?? 64 * 1024 * 1024;
    this.#l1 = new ByteLru({
      maxBytes: this.#l1MaxBytes,
      onEvict: () => counters.l1Evictions++,
    });
    counters.observeL1(() => ({ entries: this.#l1.size, bytes: this.#l1.bytes }));
    if (options.l2 !== undefined) {
      this.#guard = new L2Guard(options.l2, {
        deadlineMs: options.l2DeadlineMs,
        breaker: options.breaker,
        counters,
      });
    }
    if (options.secrets !== undefined) this.#cipher = new FieldCipher(options.secrets);
    this.#defaults = {
      ttlMs: options.ttlMs ?? 60_000,
      graceMs: options.graceMs ?? 300_000,
      softTimeoutMs: options.softTimeoutMs ?? 2_000,
      sensitiveFields: options.sensitiveFields ?? [],
      warm: false,
      absentTtlMs: options.absentTtlMs ?? 0,
    };
    if (this.#defaults.sensitiveFields.length > 0 && this.#cipher === undefined) {
      throw new TypeError("Cannot declare sensitive cache fields without a cache secret");
    }
    this.#jitter = options.jitter ?? 0.1;
    this.#lease = options.lease ?? {};
    this.#closeL2 = options.closeL2 ?? false;
  }

  /** The counters this cache records into. */
  get counters(): CacheCounters {
    return this.#counters;
  }

  /**
   * The L2 breaker state, or `"closed"` without L2. With Redis Cluster it sums up the nodes'
   * breakers: `"open"` only when every node's is open, `"half-open"` when some are not closed.
   */
  get breakerState(): "closed" | "open" | "half-open" {
    return this.#guard?.state ?? "closed";
  }

  /** With Redis Cluster, each node serving keys and its breaker's state; else empty. */
  get breakerNodes(): readonly NodeBreakerState[] {
    return this.#guard?.nodes ?? [];
  }

  /**
   * A fresh L1 value, synchronously, without touching L2 or loading.
   *
   * @param key The key.
   * @returns The hit, or undefined.
   */
  getL1<T>(key: CacheKey): CacheResult<T> | undefined {
    const entry = this.#l1.get(key.text);
    if (entry === undefined || entry.freshUntil <= Date.now()) return undefined;
    this.#counters.l1Hits++;
    entry.tenant.hits++;
    return entry.result as CacheResult<T>;
  }

  /** What L1 holds under `key`, fresh or within grace, without counting a hit. */
  peekL1<T>(key: CacheKey): CacheResult<T> | undefined {
    const entry = this.#l1.get(key.text);
    return entry && entry.staleUntil > Date.now() ? entry.result as CacheResult<T> : undefined;
  }

  /** Takes `key`'s fresh L2 value (another instance's) into L1, never loading: a warm. */
  async warmFromL2(key: CacheKey): Promise<boolean> {
    if (this.peekL1(key) !== undefined) return true;
    const timed = await this.#fromL2(key);
    if (timed === undefined || timed.freshUntil <= Date.now()) return false;
    this.#counters.warms++;
    return true;
  }

  /**
   * The value under `key`: from L1, else L2, else from `loader` (once per process, and once
   * across instances while L2 is up). Never rejects because of L2; rejects with the loader's
   * error only when no stale value within grace exists.
   *
   * @param key Built by `cacheKey`; carries tenant and versions.
   * @param loader Builds the value (JSON-serialisable) on a miss.
   * @param options Per-call TTL, grace, soft timeout and sensitive fields.
   * @returns The value and how it was served.
   */
  getOrLoad<T>(
    key: CacheKey,
    loader: Loader<T>,
    options?: GetOrLoadOptions,
  ): Promise<CacheResult<T>> {
    const entry = this.#l1.get(key.text);
    if (entry !== undefined && entry.freshUntil > Date.now()) {
      this.#counters.l1Hits++;
      entry.tenant.hits++;
      return entry.hit as Promise<CacheResult<T>>;
    }
    const flight = this.#flights.get(key.text);
    if (flight !== undefined) return flight.promise!.then(collapse) as Promise<CacheResult<T>>;
    const next: Flight = {};
    this.#flights.set(key.text, next);
    const land = () => {
      if (this.#flights.get(key.text) === next) this.#flights.delete(key.text);
    };
    next.promise = this.#start(
      key,
      loader as Loader<unknown>,
      options === undefined ? this.#defaults : { ...this.#defaults, ...options },
      entry,
      land,
    );
    return next.promise as Promise<CacheResult<T>>;
  }

  /**
   * The value under `key` while it is within its grace period, fresh or not, from L1 or else L2,
   * without loading: for a caller whose current key cannot be loaded and who falls back to an
   * older one. Counted as served stale.
   *
   * @param key The key.
   * @returns The value as `stale`, or undefined when no tier holds it within grace.
   */
  async getStale<T>(key: CacheKey): Promise<CacheResult<T> | undefined> {
    const entry = this.#l1.get(key.text);
    if (entry !== undefined && entry.staleUntil > Date.now()) {
      return this.#stale({ timed: entry, tier: "l1" }) as CacheResult<T>;
    }
    const timed = await this.#fromL2(key);
    if (timed === undefined || timed.staleUntil <= Date.now()) return undefined;
    return this.#stale({ timed, tier: "l2" }) as CacheResult<T>;
  }

  /** L2's entry for `key`, decoded (and so kept in L1); undefined if none, or it failed. */
  async #fromL2(key: CacheKey): Promise<Timed | undefined> {
    const raw = await this.#guard?.call(key.text, (store) => store.get(key.text));
    if (typeof raw !== "string") return undefined;
    return await Promise.resolve(this.#decode(key, raw)).catch(() => undefined);
  }

  /**
   * Asks L2 for one key through the breaker and the deadline, for health checks: true when it
   * answered, false when it failed, passed its deadline or the breaker is open, null without L2.
   * With Redis Cluster it asks every node (see {@link Cache.probeL2Nodes}): true when all did.
   */
  probeL2(): Promise<boolean | null> {
    return this.#guard === undefined ? Promise.resolve(null) : probeL2(this.#guard);
  }

  /**
   * With Redis Cluster, probes each node serving keys with one GET of a key it serves, through
   * that node's breaker and the deadline; else empty.
   *
   * @returns Each node and whether it answered.
   */
  probeL2Nodes(): Promise<{ node: string; ok: boolean }[]> {
    return this.#guard === undefined ? Promise.resolve([]) : probeL2Nodes(this.#guard);
  }

  /** Removes `key` from both tiers. @param key The key. */
  async delete(key: CacheKey): Promise<void> {
    this.#l1.delete(key.text);
    await this.#guard?.call(key.text, (store) => store.delete(key.text));
  }

  /**
   * Drops L1 entries whose key starts with `prefix` (e.g. a tenant's, on an invalidation).
   *
   * @param prefix Key prefix; `""` drops everything.
   * @returns How many were dropped.
   */
  forgetL1(prefix: string): number {
    if (prefix === "") {
      const size = this.#l1.size;
      this.#l1.clear();
      return size;
    }
    return this.#l1.deleteWhere((text) => text.startsWith(prefix));
  }

  /** Drops L1, stops the L2 deadline timer and, if owned, closes L2. */
  async close(): Promise<void> {
    this.#l1.clear();
    this.#guard?.close();
    if (this.#closeL2) await this.#guard?.store.close();
  }

  /**
   * Reads L2 and answers a fresh hit without entering the async fill: the L2 hit path is
   * CPU-bound under concurrency, and every promise hop counts there.
   */
  #start(
    key: CacheKey,
    loader: Loader<unknown>,
    options: Required<GetOrLoadOptions>,
    l1: L1Entry | undefined,
    land: () => void,
  ): Promise<CacheResult<unknown>> {
    if (this.#guard === undefined) return this.#fill(key, loader, options, l1, land, NO_L2);
    return this.#guard.call(key.text, (store) => store.get(key.text)).then((raw) => {
      if (raw === UNAVAILABLE) return this.#fill(key, loader, options, l1, land, NO_L2);
      if (raw === undefined) return this.#fill(key, loader, options, l1, land, {});
      let timed;
      try {
        timed = this.#decode(key, raw);
      } catch (error) {
        land();
        throw error;
      }
      if (timed instanceof Promise) {
        return timed.then((t) => this.#fill(key, loader, options, l1, land, { timed: t, raw }));
      }
      if (timed !== undefined && timed.freshUntil > Date.now()) {
        land();
        return this.#served(key, timed, "l2", false);
      }
      return this.#fill(key, loader, options, l1, land, { timed, raw });
    });
  }

  async #fill(
    key: CacheKey,
    loader: Loader<unknown>,
    options: Required<GetOrLoadOptions>,
    l1: L1Entry | undefined,
    land: () => void,
    { timed: fromL2, raw, down }: L2Read,
  ): Promise<CacheResult<unknown>> {
    let landed = false;
    try {
      const now = Date.now();
      let stale: { timed: Timed; tier: "l1" | "l2" } | undefined;
      if (l1 !== undefined) {
        if (l1.staleUntil > now) stale = { timed: l1, tier: "l1" };
        else this.#l1.delete(key.text);
      }
      // One failed L2 call ends L2 use for this fill: a caller pays at most one deadline.
      if (fromL2 !== undefined) {
        if (fromL2.freshUntil > Date.now()) return this.#served(key, fromL2, "l2", false);
        if (
          fromL2.staleUntil > Date.now() &&
          (stale === undefined || fromL2.created > stale.timed.created)
        ) {
          stale = { timed: fromL2, tier: "l2" };
        }
      }
      if (options.warm) {
        this.#counters.warms++;
      } else {
        this.#counters.misses++;
        this.#counters.tenant(key.tenant).misses++;
      }
      const claim: Claim = down
        ? { l2Down: true }
        : await this.#claim(key, options, stale !== undefined, raw);
      if (claim.timed !== undefined) return this.#served(key, claim.timed, "l2", true);
      if (claim.gaveUp && stale !== undefined) return this.#stale(stale);
      landed = true;
      return await this.#load(key, loader, options, stale, claim, land);
    } finally {
      if (!landed) land();
    }
  }

  #claim(
    key: CacheKey,
    options: Required<GetOrLoadOptions>,
    hasStale: boolean,
    known: string | undefined,
  ): Promise<Claim> {
    const guard = this.#guard;
    if (guard === undefined || this.#lease.enabled === false) return Promise.resolve({});
    return claimOrWait(guard, key.text, {
      ...this.#lease,
      giveUpAfterMs: hasStale ? options.softTimeoutMs : undefined,
      known,
      read: (raw) => this.#decode(key, raw),
      onWait: () => this.#counters.leaseWaits++,
    });
  }

  /** Decodes an L2 value into L1; synchronous unless it has sealed fields to open. */
  #decode(key: CacheKey, raw: string): Timed | undefined | Promise<Timed | undefined> {
    const parsed = parseEnvelope(raw);
    if (parsed === undefined) return undefined;
    if (parsed.sealed === undefined) {
      this.#remember(key, parsed.timed, raw.length);
      return parsed.timed;
    }
    const ctx = { tenant: key.tenant, key: key.text };
    return openSealed(parsed as Parsed & { sealed: SealedField[] }, ctx, this.#cipher).then(
      (timed) => {
        this.#remember(key, timed, raw.length);
        return timed;
      },
      (error) => {
        if (!(error instanceof DecryptError)) throw error;
        this.#counters.decryptFailures++;
        return undefined;
      },
    );
  }

  #served(key: CacheKey, timed: Timed, tier: "l2", collapsed: boolean): CacheResult<unknown> {
    if (!collapsed) {
      this.#counters.l2Hits++;
      this.#counters.tenant(key.tenant).hits++;
    }
    return { value: timed.value, status: "hit", tier, freshUntil: timed.freshUntil, collapsed };
  }

  #remember(key: CacheKey, timed: Timed, size: number): void {
    rememberInL1(this.#l1, key, timed, size, {
      maxBytes: this.#l1MaxBytes,
      tenant: this.#counters.tenant(key.tenant),
    });
  }

  async #load(
    key: CacheKey,
    loader: Loader<unknown>,
    options: Required<GetOrLoadOptions>,
    stale: { timed: Timed; tier: "l1" | "l2" } | undefined,
    claim: Claim,
    land: () => void,
  ): Promise<CacheResult<unknown>> {
    const started = performance.now();
    const loaded = (async () => {
      try {
        const value = await loader();
        this.#counters.recordLoad(performance.now() - started);
        return await this.#store(key, value, options, claim);
      } catch (error) {
        this.#counters.loadErrors++;
        if (claim.token !== undefined) await releaseLease(this.#guard!, key.text, claim.token);
        throw error;
      } finally {
        land();
      }
    })();
    if (stale === undefined) return await loaded;
    const winner = await raceSoftTimeout(loaded, options.softTimeoutMs);
    if (winner !== undefined && !(winner instanceof Failure)) return winner;
    return this.#stale(stale);
  }

  #stale(stale: { timed: Timed; tier: "l1" | "l2" }): CacheResult<unknown> {
    this.#counters.staleServed++;
    const { value, freshUntil } = stale.timed;
    return { value, status: "stale", tier: stale.tier, freshUntil, collapsed: false };
  }

  async #store(
    key: CacheKey,
    value: unknown,
    options: Required<GetOrLoadOptions>,
    { token, l2Down }: Claim,
  ): Promise<CacheResult<unknown>> {
    const json = JSON.stringify(value);
    if (json === undefined) {
      throw new TypeError(`Cannot cache "${key.text}": the value is not JSON`);
    }
    const created = Date.now();
    // An absent value (null) is kept in this process only, briefly, when the caller says so:
    // anyone can ask for ids that do not exist, and must not fill the shared tier with them.
    const absent = value === null && options.absentTtlMs > 0;
    const ttlMs = absent ? options.absentTtlMs : options.ttlMs;
    const freshUntil = created + Math.round(ttlMs * (1 - this.#jitter * Math.random()));
    const staleUntil = freshUntil + (absent ? 0 : options.graceMs);
    const timed: Timed = { value, created, freshUntil, staleUntil };
    this.#remember(key, timed, json.length);
    await writeToL2(this.#guard, key, timed, json, {
      fields: options.sensitiveFields,
      cipher: this.#cipher,
      skip: l2Down || absent,
      token,
    });
    return { value, status: "miss", tier: "load", freshUntil, collapsed: false };
  }
}
