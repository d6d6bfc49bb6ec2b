/**
 * The day and time texts a dashboard shows and writes: `2025-07-31`, `5:30 PM`, and the "Last
 * Updated" line `2025-07-31 (5:30 PM)`, all in UTC so every reader and export agree. Pure.
 *
 * @module
 */
import type { LogEntryData } from "./types.ts";

/**
 * The UTC day of an instant: `YYYY-MM-DD`.
 *
 * @param at An ISO 8601 timestamp or a Date.
 * @example
 * ```ts
 * import { dayLabel } from "./labels.ts";
 * console.log(dayLabel("2025-07-31T17:30:00Z")); // "2025-07-31"
 * ```
 */
export function dayLabel(at: string | Date): string {
  return new Date(at).toISOString().slice(0, 10);
}

/**
 * The UTC time of an instant on a 12-hour clock: `h:mm AM` or `h:mm PM`.
 *
 * @param at An ISO 8601 timestamp or a Date.
 * @example
 * ```ts
 * import { timeLabel } from "./labels.ts";
 * console.log(timeLabel("2025-07-31T17:30:00Z"), timeLabel("2025-07-31T00:05:00Z"));
 * // "5:30 PM" "12:05 AM"
 * ```
 */
export function timeLabel(at: string | Date): string {
  const date = new Date(at);
  const hours = date.getUTCHours();
  const minutes = String(date.getUTCMinutes()).padStart(2, "0");
  return `${hours % 12 === 0 ? 12 : hours % 12}:${minutes} ${hours < 12 ? "AM" : "PM"}`;
}

/**
 * The "Last Updated" text a write leaves: `YYYY-MM-DD (h:mm AM)` in UTC.
 *
 * @param at When the write happened.
 * @example
 * ```ts
 * import { lastUpdatedLabel } from "./labels.ts";
 * console.log(lastUpdatedLabel(new Date("2025-07-31T17:30:00Z"))); // "2025-07-31 (5:30 PM)"
 * ```
 */
export function lastUpdatedLabel(at: string | Date): string {
  return `${dayLabel(at)} (${timeLabel(at)})`;
}

/**
 * Reads a day and time as written in a document (`2025-07-31`, `9:00 AM`) as a UTC instant,
 * for ordering imported log entries; null when they are written some other way.
 *
 * @param day E.g. `"2025-07-31"`.
 * @param time E.g. `"9:00 AM"`, `"17:30"`, or null for midnight.
 * @example
 * ```ts
 * import { instantOf } from "./labels.ts";
 * console.log(instantOf("2025-07-31", "5:30 PM")); // "2025-07-31T17:30:00.000Z"
 * console.log(instantOf("Monday", "9:00 AM")); // null
 * ```
 */
export function instantOf(day: string, time: string | null): string | null {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day.trim());
  if (date === null) return null;
  let hours = 0;
  let minutes = 0;
  if (time !== null) {
    const clock = /^(\d{1,2}):(\d{2})\s*(AM|PM)?$/i.exec(time.trim());
    if (clock === null) return null;
    hours = Number(clock[1]);
    minutes = Number(clock[2]);
    const meridiem = clock[3]?.toUpperCase();
    if (meridiem !== undefined && (hours < 1 || hours > 12)) return null;
    if (meridiem !== undefined) hours = (hours % 12) + (meridiem === "PM" ? 12 : 0);
    if (hours > 23 || minutes > 59) return null;
  }
  const ms = Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]), hours, minutes);
  const instant = new Date(ms);
  if (Number.isNaN(ms) || dayLabel(instant) !== date[0]) return null;
  return instant.toISOString();
}

/**
 * The day and time a log entry shows: as a document wrote them, or from `at` in UTC.
 *
 * @example
 * ```ts
 * import { shownLogTime } from "./labels.ts";
 * const made = { at: "2025-08-01T08:00:00Z", dayLabel: null, timeLabel: null };
 * console.log(shownLogTime(made)); // { day: "2025-08-01", time: "8:00 AM" }
 * ```
 */
export function shownLogTime(
  entry: Pick<LogEntryData, "at" | "dayLabel" | "timeLabel">,
): { day: string; time: string } {
  return {
    day: entry.dayLabel ?? dayLabel(entry.at),
    time: entry.timeLabel ?? timeLabel(entry.at),
  };
}
