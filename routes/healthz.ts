/**
 * `GET /healthz`: JSON for load balancers and operators — 200 while the instance can serve
 * (`ok`, or `degraded` with Redis or the LISTEN connection down), 503 when it cannot (the
 * database is down). Anyone gets the status; the details (the database's and the listener's
 * state, the bus's sequence number, which counts every tenant's writes) go to loopback or to
 * `Authorization: Bearer $METRICS_TOKEN`, as `/metrics` does.
 *
 * @module
 */
import type { Handlers } from "../lib/app/deps.ts";
import { checkHealth, metricsAllowed } from "../lib/metrics/mod.ts";

/** The health handler. */
export const handler: Handlers = {
  async GET(c) {
    const { deps } = c.var;
    const health = await checkHealth(deps);
    c.header("Cache-Control", "no-store");
    const code = health.status === "down" ? 503 : 200;
    if (!metricsAllowed(c, deps.config)) {
      return c.json({ status: health.status }, code);
    }
    return c.json(health, code);
  },
};
