/**
 * `POST /projects/:id/metrics/:metricId/delete`: removes a metric.
 *
 * @module
 */
import { deleteMetric } from "../../../../../lib/db/metrics.ts";
import { deleteWrite } from "../../_form_write.ts";

/** The metric delete handler. */
export const handler = deleteWrite({ metricId: "Metric" }, "Metric", deleteMetric, () => "metrics");
