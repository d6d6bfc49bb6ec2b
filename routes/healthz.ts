/**
 * `GET /healthz`: JSON for load balancers and operators — 200 while the instance can serve
 * (`ok`, or `degraded` with Redis or the bus down), 503 when it cannot (the database is down).
 * No authentication; the report holds no configuration or secrets.
 *
 * @module
 */
import type { Handlers } from "../lib/app/deps.ts";
import { checkHealth } from "../lib/metrics/mod.ts";

/** The health handler. */
export const handler: Handlers = {
  async GET(c) {
    const health = await checkHealth(c.var.deps);
    c.header("Cache-Control", "no-store");
    return c.json(health, health.status === "down" ? 503 : 200);
  },
};
