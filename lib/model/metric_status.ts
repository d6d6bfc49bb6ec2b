/**
 * Metric statuses that follow from the numbers: a metric with a numeric target and a direction
 * is on target, in progress or off target by its current value, and the executive summary's
 * "Blockers" row counts the open blockers. Pure.
 *
 * @module
 */
import type { Health, MetricData, MetricDirection } from "./types.ts";

// A number, optionally signed, with an optional decimal part and an optional percent sign.
const MEASURE = /^[+-]?(?:\d+(?:\.\d+)?|\.\d+)\s*%?$/;
const SIGNED_TARGET = /^(≥|>=|≤|<=)\s*(.*)$/s;

/**
 * The shown part of a metric's status.
 *
 * @example
 * ```ts
 * import { metricStatus } from "./metric_status.ts";
 * import type { MetricData } from "./types.ts";
 * declare const metric: MetricData;
 * const { health, statusLabel, computed } = metricStatus(metric, 0);
 * ```
 */
export interface MetricStatus {
  current: string;
  health: Health;
  statusLabel: string;
  /** What computed it, or null when the chosen status is kept. */
  computed: "target" | "blockers" | null;
}

/**
 * Reads a value as a number: `"85%"` is 85, `"-70%"` is -70, `"2.5"` is 2.5; a leading `≥` or
 * `≤` is ignored. Anything else (`"TBD"`, `"Week 1-2"`, `"6 weeks"`) is not a number.
 *
 * @param text A metric's baseline, current value or target.
 * @returns The number, or `null`.
 * @example
 * ```ts
 * import { parseMeasure } from "./metric_status.ts";
 * console.log(parseMeasure("85%"), parseMeasure("≥ 80%"), parseMeasure("TBD")); // 85 80 null
 * ```
 */
export function parseMeasure(text: string): number | null {
  const unsigned = text.trim().replace(/^(≥|>=|≤|<=)\s*/, "").replace("−", "-");
  if (!MEASURE.test(unsigned)) return null;
  return Number.parseFloat(unsigned.replace("%", ""));
}

/**
 * Splits a target as a person may type it into the target and its direction: `"≥ 80%"` is
 * 80% higher, `"<= 2"` is 2 lower. Without a sign the direction is the one given.
 *
 * @param target The typed target.
 * @param direction The direction chosen separately, or null; a sign in the target wins.
 * @example
 * ```ts
 * import { splitTarget } from "./metric_status.ts";
 * console.log(splitTarget("≥ 80%", null)); // { target: "80%", direction: "higher" }
 * console.log(splitTarget("0", "lower")); // { target: "0", direction: "lower" }
 * ```
 */
export function splitTarget(
  target: string,
  direction: MetricDirection | null,
): { target: string; direction: MetricDirection | null } {
  const match = SIGNED_TARGET.exec(target.trim());
  if (match === null) return { target: target.trim(), direction };
  const signed = match[1] === "≥" || match[1] === ">=" ? "higher" : "lower";
  return { target: match[2].trim(), direction: signed };
}

/**
 * Whether a metric is the executive summary's "Blockers" row (its name, ignoring case and
 * surrounding spaces).
 *
 * @example
 * ```ts
 * import { isBlockersRow } from "./metric_status.ts";
 * console.log(isBlockersRow({ group: "summary", name: " blockers " })); // true
 * ```
 */
export function isBlockersRow(metric: Pick<MetricData, "group" | "name">): boolean {
  return metric.group === "summary" && metric.name.trim().toLowerCase() === "blockers";
}

/**
 * The status a metric shows.
 *
 * - The summary row "Blockers": its current value is the number of open blockers; 0 is green
 *   "Clear", n > 0 red "n open".
 * - A metric with a direction whose target and current value are numbers: higher is on target
 *   (green "On Target") at current ≥ target, in progress (yellow "In Progress") above its
 *   baseline (0 without one), off target (red "Off Target") otherwise; lower is on target at
 *   current ≤ target, in progress below a numeric baseline, off target otherwise.
 * - Any other metric keeps its chosen health and label (so does one whose current value is not
 *   a number yet, such as "TBD").
 *
 * @param metric The stored metric.
 * @param openBlockers How many blockers of the project are open.
 * @example
 * ```ts
 * import { metricStatus } from "./metric_status.ts";
 * const metric = {
 *   group: "quality" as const, name: "Coverage", baseline: "", current: "85%", target: "80%",
 *   direction: "higher" as const, health: "red" as const, statusLabel: "",
 * };
 * console.log(metricStatus(metric, 0).statusLabel); // "On Target"
 * ```
 */
export function metricStatus(
  metric: Pick<
    MetricData,
    "group" | "name" | "baseline" | "current" | "target" | "direction" | "health" | "statusLabel"
  >,
  openBlockers: number,
): MetricStatus {
  if (isBlockersRow(metric)) {
    const clear = openBlockers === 0;
    return {
      current: String(openBlockers),
      health: clear ? "green" : "red",
      statusLabel: clear ? "Clear" : `${openBlockers} open`,
      computed: "blockers",
    };
  }
  const chosen: MetricStatus = {
    current: metric.current,
    health: metric.health,
    statusLabel: metric.statusLabel,
    computed: null,
  };
  const current = parseMeasure(metric.current);
  const target = parseMeasure(metric.target);
  if (metric.direction === null || current === null || target === null) return chosen;
  const baseline = parseMeasure(metric.baseline);
  const level = metric.direction === "higher"
    ? current >= target ? "on" : current > (baseline ?? 0) ? "progress" : "off"
    : current <= target
    ? "on"
    : baseline !== null && current < baseline
    ? "progress"
    : "off";
  return { current: metric.current, ...LEVELS[level], computed: "target" };
}

const LEVELS = {
  on: { health: "green", statusLabel: "On Target" },
  progress: { health: "yellow", statusLabel: "In Progress" },
  off: { health: "red", statusLabel: "Off Target" },
} as const;
