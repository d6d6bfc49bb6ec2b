/**
 * The header's "Last Updated" value as one text, for storing it as written:
 * `2025-07-31 (5:30 PM)`.
 *
 * @module
 */
import type { LastUpdated } from "./document.ts";
import { formatGroup, formatTitle, parseTitle, splitGroup } from "./_inline.ts";

/**
 * Writes a Last Updated value as it appears after `**Last Updated**: `.
 *
 * @param value The date and optional time.
 * @returns The text, e.g. `"2025-07-31 (5:30 PM)"`.
 * @example
 * ```ts
 * import { formatLastUpdated } from "./last_updated.ts";
 * console.log(formatLastUpdated({ date: "2025-07-31", time: "5:30 PM" })); // "2025-07-31 (5:30 PM)"
 * ```
 */
export function formatLastUpdated(value: LastUpdated): string {
  const date = formatTitle(value.date);
  return value.time === null ? date : `${date} (${formatGroup(value.time)})`;
}

/**
 * Reads a Last Updated value written by {@link formatLastUpdated} (or by hand).
 *
 * @param text E.g. `"2025-07-31 (5:30 PM)"` or `"yesterday"`.
 * @returns The date and time, or `null` for an empty text.
 * @example
 * ```ts
 * import { parseLastUpdated } from "./last_updated.ts";
 * console.log(parseLastUpdated("2025-07-31 (5:30 PM)")); // { date: "2025-07-31", time: "5:30 PM" }
 * ```
 */
export function parseLastUpdated(text: string): LastUpdated | null {
  const value = text.trim();
  if (value === "") return null;
  const grouped = splitGroup(value);
  return { date: parseTitle(grouped?.head ?? value), time: grouped?.group ?? null };
}
