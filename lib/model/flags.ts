/**
 * The flags the app itself reads.
 *
 * @module
 */

/**
 * `cache`: the tenant's requests go through the cache. Off, or outside the rollout's cohort,
 * they bypass both tiers and make no Redis call (see `lib/resources/loaders.ts`).
 */
export const CACHE_FLAG = "cache";

/** `live_updates`: open pages are told of changes over the WebSocket. */
export const LIVE_UPDATES_FLAG = "live_updates";

/** `request_batching`: the client store revalidates changed resources in one request. */
export const REQUEST_BATCHING_FLAG = "request_batching";

/** Every built-in flag key. */
export const BUILT_IN_FLAGS: readonly string[] = [
  CACHE_FLAG,
  LIVE_UPDATES_FLAG,
  REQUEST_BATCHING_FLAG,
];

/** A flag's setting: on or off, and the share of users it admits. */
export interface FlagSetting {
  enabled: boolean;
  /** 0–100: users whose bucket is below it are in the cohort. */
  rolloutPercent: number;
}
