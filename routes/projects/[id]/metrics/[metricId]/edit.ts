/**
 * `POST /projects/:id/metrics/:metricId/edit` (every field of the metric): changes a metric.
 *
 * @module
 */
import { updateMetric } from "../../../../../lib/db/metrics.ts";
import { formWrite } from "../../_form_write.ts";
import { metricForm, metricFormKind, metricInput } from "../_form.ts";

/** The metric edit handler. */
export const handler = formWrite({
  schema: metricForm,
  params: { metricId: "Metric" },
  form: (ids, fields) => ({ form: metricFormKind(fields), id: ids.metricId }),
  what: "Metric",
  write: ({ db, scope, data, ids }) => updateMetric(db, scope, ids.metricId, metricInput(data)),
  anchor: (_, ids) => `metric-${ids.metricId}`,
});
