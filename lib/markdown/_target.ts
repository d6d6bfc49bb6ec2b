/**
 * Metric targets with a direction: `≥ 100%` (higher is better), `≤ 2 s` (lower is better).
 * Reading also accepts `>=` and `<=`; writing always uses `≥` and `≤`.
 *
 * @module
 */
import type { Direction } from "./document.ts";

const SIGNED = /^(≥|>=|≤|<=)\s*(.*)$/s;

/**
 * Reads a target cell: its direction from a leading sign, and the text after it.
 *
 * @example
 * ```ts
 * import { parseTarget } from "./_target.ts";
 * console.log(parseTarget("≥ 80%")); // { target: "80%", direction: "higher" }
 * ```
 */
export function parseTarget(cell: string): { target: string; direction: Direction | null } {
  const match = SIGNED.exec(cell.trim());
  if (match === null) return { target: cell.trim(), direction: null };
  const direction = match[1] === "≥" || match[1] === ">=" ? "higher" : "lower";
  return { target: match[2].trim(), direction };
}

/**
 * Writes a target cell so that {@link parseTarget} reads it back.
 *
 * @example
 * ```ts
 * import { formatTarget } from "./_target.ts";
 * console.log(formatTarget("2 s", "lower")); // "≤ 2 s"
 * ```
 */
export function formatTarget(target: string, direction: Direction | null): string {
  if (direction === null) return target;
  const sign = direction === "higher" ? "≥" : "≤";
  return target === "" ? sign : `${sign} ${target}`;
}
