/**
 * Formatting helpers for the pages, re-exported from `islands/_dashboard/format.ts`, where the
 * islands that use them too can be hashed into the build id.
 *
 * @module
 */
export {
  clampPercent,
  dayKey,
  formatDateTime,
  formatDay,
  formatTime,
  percent,
} from "../../islands/_dashboard/format.ts";
