/**
 * Feature flags evaluated for one user: the setting in force for the tenant (its override,
 * else the global default), and a rollout percent that admits a stable share of users.
 *
 * @module
 */
import type { FlagSetting } from "../model/flags.ts";
import { isOnFor } from "./bucket.ts";

/**
 * The flags of a tenant evaluated for a user: key → on. The request context caches the result
 * under the flags topics' versions.
 *
 * @param settings The setting in force for each flag of the user's tenant.
 * @param userId The user.
 * @returns Each flag's key and whether it is on for the user.
 * @example
 * ```ts
 * import { evaluateFlags } from "./evaluate.ts";
 * const flags = evaluateFlags({ cache: { enabled: true, rolloutPercent: 100 } }, "u1");
 * flags.cache; // true
 * ```
 */
export function evaluateFlags(
  settings: Readonly<Record<string, FlagSetting>>,
  userId: string,
): Record<string, boolean> {
  const flags: Record<string, boolean> = {};
  for (const [key, setting] of Object.entries(settings)) flags[key] = isOnFor(setting, key, userId);
  return flags;
}
