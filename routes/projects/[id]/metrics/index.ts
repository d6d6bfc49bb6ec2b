/**
 * `POST /projects/:id/metrics` (`group`, `name`, `baseline`, `current`, `target`, `direction`, `health`, `status_label`): adds a metric to a table.
 *
 * @module
 */
import { addMetric } from "../../../../lib/db/metrics.ts";
import { formWrite } from "../_form_write.ts";
import { metricForm, metricFormKind, metricInput } from "./_form.ts";

/** The new-metric handler. */
export const handler = formWrite({
  schema: metricForm,
  form: (_, fields) => ({ form: metricFormKind(fields), id: `new:${fields.group ?? ""}` }),
  what: "Project",
  write: ({ db, scope, data }) => addMetric(db, scope, metricInput(data)),
  anchor: (_, __) => "metrics",
});
