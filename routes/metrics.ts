/**
 * `GET /metrics`: Prometheus text, from loopback or with `Authorization: Bearer
 * $METRICS_TOKEN`; anyone else gets a 401.
 *
 * @module
 */
import type { Handlers } from "../lib/app/deps.ts";
import { EXPOSITION_CONTENT_TYPE, metricsAllowed, renderMetrics } from "../lib/metrics/mod.ts";

/** The metrics handler. */
export const handler: Handlers = {
  GET(c) {
    const { deps } = c.var;
    c.header("Cache-Control", "no-store");
    if (!metricsAllowed(c, deps.config)) {
      c.header("WWW-Authenticate", 'Bearer realm="metrics"');
      return c.text("Metrics are served to loopback or with the metrics token\n", 401);
    }
    return c.body(renderMetrics(deps), 200, { "Content-Type": EXPOSITION_CONTENT_TYPE });
  },
};
