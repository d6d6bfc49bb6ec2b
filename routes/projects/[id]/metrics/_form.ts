/**
 * The metric form, shared by adding and editing a metric: its fields, what they make, and the
 * editor a refused form opens again.
 *
 * @module
 */
import { z } from "zod";
import { textField } from "../../../../lib/http/text.ts";
import type { MetricInput } from "../../../../lib/db/metrics.ts";

/**
 * A metric's fields: `group`, `name`, `baseline`, `current`, `target`, `direction`, `health`,
 * `status_label`.
 *
 * @example
 * ```ts
 * import { metricForm } from "./_form.ts";
 * metricForm.parse({ group: "quality", name: "Test Coverage", target: "≥ 80%" });
 * ```
 */
export const metricForm = z.object({
  group: z.enum(["summary", "performance", "quality"], "Choose the metric's table"),
  name: textField({ label: "the metric's name", min: 1, max: 120 }),
  baseline: textField({ label: "the baseline", max: 40 }),
  current: textField({ label: "the current value", max: 40 }),
  target: textField({ label: "the target", max: 40 }),
  direction: z.enum(["", "higher", "lower"], "Choose higher, lower or none").default(""),
  health: z.enum(["green", "yellow", "red"], "Choose green, yellow or red").default("yellow"),
  status_label: textField({ label: "the status label", max: 60 }),
});

/**
 * The metric a valid form describes; no direction chosen is null.
 *
 * @example
 * ```ts
 * import { metricForm, metricInput } from "./_form.ts";
 * const input = metricInput(metricForm.parse({ group: "summary", name: "Readiness" }));
 * console.log(input.statusLabel, input.direction); // "" null
 * ```
 */
export function metricInput(data: z.output<typeof metricForm>): MetricInput {
  return {
    group: data.group,
    name: data.name,
    baseline: data.baseline,
    current: data.current,
    target: data.target,
    direction: data.direction || null,
    health: data.health,
    statusLabel: data.status_label,
  };
}

/**
 * The editor a refused form opens again: the summary's rows open the summary's.
 *
 * @example
 * ```ts
 * import { metricFormKind } from "./_form.ts";
 * console.log(metricFormKind({ group: "summary" }), metricFormKind({})); // "summary" "metric"
 * ```
 */
export function metricFormKind(fields: Record<string, string>): "summary" | "metric" {
  return fields.group === "summary" ? "summary" : "metric";
}
