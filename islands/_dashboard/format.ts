/**
 * Formatting helpers for the server-rendered pages.
 *
 * Times are shown in UTC: the server renders for every reader, and a tenant has no time zone
 * of its own yet, so a fixed zone keeps every reader's page (and its ETag) identical.
 *
 * @module
 */

const dateFormat = new Intl.DateTimeFormat("en-US", {
  timeZone: "UTC",
  year: "numeric",
  month: "short",
  day: "numeric",
});

const timeFormat = new Intl.DateTimeFormat("en-US", {
  timeZone: "UTC",
  hour: "numeric",
  minute: "2-digit",
});

function parse(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * The calendar day of an ISO timestamp in UTC, as `YYYY-MM-DD`; the input itself if unparsable.
 *
 * @example
 * ```ts
 * dayKey("2025-07-31T17:30:00Z"); // "2025-07-31"
 * ```
 */
export function dayKey(iso: string): string {
  return parse(iso)?.toISOString().slice(0, 10) ?? iso;
}

/**
 * A readable day, such as "Jul 31, 2025".
 *
 * @example
 * ```ts
 * formatDay("2025-07-31T17:30:00Z"); // "Jul 31, 2025"
 * ```
 */
export function formatDay(iso: string): string {
  const date = parse(iso);
  return date ? dateFormat.format(date) : iso;
}

/**
 * A readable time of day in UTC, such as "5:30 PM".
 *
 * @example
 * ```ts
 * formatTime("2025-07-31T17:30:00Z"); // "5:30 PM"
 * ```
 */
export function formatTime(iso: string): string {
  const date = parse(iso);
  return date ? timeFormat.format(date) : iso;
}

/**
 * A readable day and time in UTC, such as "Jul 31, 2025, 5:30 PM UTC".
 *
 * @example
 * ```ts
 * formatDateTime("2025-07-31T17:30:00Z"); // "Jul 31, 2025, 5:30 PM UTC"
 * ```
 */
export function formatDateTime(iso: string): string {
  const date = parse(iso);
  return date ? `${dateFormat.format(date)}, ${timeFormat.format(date)} UTC` : iso;
}

/**
 * A whole percentage of `part` in `total`, clamped to 0–100; 0 when `total` is 0.
 *
 * @example
 * ```ts
 * percent(3, 4); // 75
 * ```
 */
export function percent(part: number, total: number): number {
  if (!(total > 0)) return 0;
  return clampPercent((part / total) * 100);
}

/**
 * Rounds a percentage and clamps it to 0–100; 0 for anything not a finite number.
 *
 * @example
 * ```ts
 * clampPercent(104.2); // 100
 * ```
 */
export function clampPercent(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.min(100, Math.max(0, Math.round(value)));
}
