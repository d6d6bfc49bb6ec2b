/**
 * L1 entries: a value with its timing, its size, its tenant's counters, and the one frozen
 * result (and resolved promise) every hit hands out, so a hit allocates nothing.
 *
 * @module
 */
import type { ByteLru } from "./byte_lru.ts";
import type { TenantCounts } from "./counters.ts";
import type { CacheKey } from "./keys.ts";
import type { CacheResult } from "./cache_options.ts";
import type { Timed } from "./_envelope.ts";

/** A value held in L1. */
export interface L1Entry extends Timed {
  bytes: number;
  referenced: boolean;
  tenant: TenantCounts;
  result: CacheResult<unknown>;
  hit: Promise<CacheResult<unknown>>;
}

/**
 * Keeps a value in L1 unless it is too big, already past its grace, or older than what L1
 * holds (a slow reader that stores late never overwrites newer data).
 *
 * @param l1 The tier.
 * @param key The key.
 * @param timed The value and its timing.
 * @param size The value's serialised length.
 * @param options The tier's byte bound and the tenant's counters.
 * @example
 * ```ts ignore
 * rememberInL1(l1, key, timed, json.length, { maxBytes, tenant: counters.tenant(key.tenant) });
 * ```
 */
export function rememberInL1(
  l1: ByteLru<L1Entry>,
  key: CacheKey,
  timed: Timed,
  size: number,
  options: { maxBytes: number; tenant: TenantCounts },
): void {
  const bytes = size + key.text.length + 64;
  if (bytes > options.maxBytes || timed.staleUntil <= Date.now()) return;
  const current = l1.get(key.text);
  if (current !== undefined && current.created > timed.created) return;
  const result: CacheResult<unknown> = Object.freeze({
    value: timed.value,
    status: "hit",
    tier: "l1",
    freshUntil: timed.freshUntil,
    collapsed: false,
  });
  l1.set(key.text, {
    value: timed.value,
    created: timed.created,
    freshUntil: timed.freshUntil,
    staleUntil: timed.staleUntil,
    bytes,
    referenced: false,
    tenant: options.tenant,
    result,
    hit: Promise.resolve(result),
  });
}
