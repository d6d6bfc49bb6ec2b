/**
 * Line-chart geometry for the cache monitor: SVG path data from a series of samples, with
 * gaps where a sample has no value. Pure functions, so the same code draws on the server and
 * in the browser island.
 *
 * @module
 */

/** Size and scale of one chart. */
export interface ChartFrame {
  /** Drawing width and height in SVG units. */
  width: number;
  height: number;
  /** The value drawn at the top edge. */
  max: number;
  /** Samples across the full width; the newest sample sits at the right edge. */
  window: number;
}

/**
 * SVG path data for a series: `M x y L x y …`, starting a new `M` after each gap (null).
 *
 * @param values Samples, oldest first; the last `frame.window` are drawn.
 * @param frame Size and scale.
 * @returns The path data, empty without values.
 * @example
 * ```ts
 * import { linePath } from "./chart.ts";
 * linePath([0, 1, null, 1], { width: 30, height: 10, max: 1, window: 4 });
 * // "M0 10L10 0M30 0"
 * ```
 */
export function linePath(values: readonly (number | null)[], frame: ChartFrame): string {
  const { width, height, window } = frame;
  const max = frame.max > 0 ? frame.max : 1;
  const shown = values.slice(-window);
  const offset = window - shown.length;
  const step = window > 1 ? width / (window - 1) : 0;
  let d = "";
  let pen = false;
  shown.forEach((value, i) => {
    if (value === null || !Number.isFinite(value)) {
      pen = false;
      return;
    }
    const x = round((offset + i) * step);
    const y = round(height - (Math.min(Math.max(value, 0), max) / max) * height);
    d += `${pen ? "L" : "M"}${x} ${y}`;
    pen = true;
  });
  return d;
}

/**
 * How many points a path draws.
 *
 * @example
 * ```ts
 * import { pathPoints } from "./chart.ts";
 * pathPoints("M0 10L10 0M30 0"); // 3
 * ```
 */
export function pathPoints(d: string): number {
  return (d.match(/[ML]/g) ?? []).length;
}

/**
 * A round upper bound for the y axis: 1, 2 or 5 times a power of ten, at least `floor`.
 *
 * @example
 * ```ts
 * import { niceMax } from "./chart.ts";
 * niceMax([3.2, 7.9]); // 10
 * niceMax([], 5); // 5
 * ```
 */
export function niceMax(values: readonly (number | null)[], floor = 1): number {
  let max = floor;
  for (const v of values) if (v !== null && Number.isFinite(v) && v > max) max = v;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 5, 10]) if (m * power >= max) return m * power;
  return 10 * power;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
