/**
 * `POST /projects/:id/metrics` (`group`, `name`, `baseline`, `current`, `target`, `direction`, `health`, `status_label`): adds a metric to a table.
 *
 * @module
 */
import { z } from "zod";
import { textField } from "../../../../lib/http/text.ts";
import { addMetric, type MetricInput } from "../../../../lib/db/metrics.ts";
import { formWrite } from "../_form_write.ts";

const schema = z.object({
  group: z.enum(["summary", "performance", "quality"], "Choose the metric's table"),
  name: textField({ label: "the metric's name", min: 1, max: 120 }),
  baseline: textField({ label: "the baseline", max: 40 }),
  current: textField({ label: "the current value", max: 40 }),
  target: textField({ label: "the target", max: 40 }),
  direction: z.enum(["", "higher", "lower"], "Choose higher, lower or none").default(""),
  health: z.enum(["green", "yellow", "red"], "Choose green, yellow or red").default("yellow"),
  status_label: textField({ label: "the status label", max: 60 }),
});

function input(data: z.output<typeof schema>): MetricInput {
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

/** The failed form's kind: the summary's rows open the summary. */
function kind(fields: Record<string, string>): string {
  return fields.group === "summary" ? "summary" : "metric";
}

/** The new-metric handler. */
export const handler = formWrite({
  schema,
  form: (_, fields) => ({ form: kind(fields), id: `new:${fields.group ?? ""}` }),
  what: "Project",
  write: ({ db, scope, data }) => addMetric(db, scope, input(data)),
  anchor: (_, __) => "metrics",
});
