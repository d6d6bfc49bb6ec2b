/**
 * Feature flags and canary buckets: per-tenant settings over global defaults, a stable bucket
 * per user and flag, evaluation into the request context, and an in-memory table the loaders
 * consult before touching the cache.
 *
 * @example
 * ```ts
 * import { flagBucket, isOnFor } from "./mod.ts";
 * const userId = "9b2e0c1e-4a57-4f0e-9d38-1c4d3f1e2a10";
 * flagBucket("cache", userId) < 100; // true
 * isOnFor({ enabled: true, rolloutPercent: 100 }, "cache", userId); // true
 * ```
 *
 * @module
 */
export { flagBucket, type FlagSetting, isOnFor } from "./bucket.ts";
export { evaluateFlags } from "./evaluate.ts";
export {
  type FlagEvents,
  type FlagRow,
  FlagTable,
  type FlagTableOptions,
  type LoadFlagRows,
} from "./table.ts";
export {
  BUILT_IN_FLAGS,
  CACHE_FLAG,
  LIVE_UPDATES_FLAG,
  REQUEST_BATCHING_FLAG,
} from "../model/flags.ts";
