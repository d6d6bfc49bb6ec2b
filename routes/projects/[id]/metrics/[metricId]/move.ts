/**
 * `POST /projects/:id/metrics/:metricId/move` (`direction`): reorders a metric table.
 *
 * @module
 */
import { moveMetric } from "../../../../../lib/db/metrics.ts";
import { moveWrite } from "../../_form_write.ts";

/** The metric move handler. */
export const handler = moveWrite(
  { metricId: "Metric" },
  "Metric",
  moveMetric,
  (ids) => `metric-${ids.metricId}`,
);
