/**
 * Canary buckets: each user's stable place, 0–99, for each flag.
 *
 * @module
 */
import type { FlagSetting } from "../model/flags.ts";

export type { FlagSetting };

/**
 * The user's bucket for a flag, 0–99: a stable hash of flag key and user id, so each user
 * stays in the same cohort as the percent grows.
 *
 * @example
 * ```ts
 * const bucket = flagBucket("cache", "9b2e0c1e-4a57-4f0e-9d38-1c4d3f1e2a10");
 * console.log(bucket >= 0 && bucket < 100); // true
 * ```
 */
export function flagBucket(key: string, userId: string): number {
  // FNV-1a, 32 bits: fast, stable across processes and restarts.
  let hash = 0x811c9dc5;
  const text = `${key}:${userId}`;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % 100;
}

/**
 * Whether a flag is on for a user: enabled, and the user's bucket is below the percent.
 *
 * @example
 * ```ts
 * isOnFor({ enabled: true, rolloutPercent: 100 }, "cache", "any-user"); // true
 * isOnFor({ enabled: true, rolloutPercent: 0 }, "cache", "any-user"); // false
 * ```
 */
export function isOnFor(setting: FlagSetting, key: string, userId: string): boolean {
  return setting.enabled && flagBucket(key, userId) < setting.rolloutPercent;
}
