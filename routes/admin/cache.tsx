/**
 * `GET /admin/cache`: the cache monitor, for owners and admins — charts, cohorts and the
 * tenant's own row, refreshed from `GET /admin/cache/series`.
 *
 * @module
 */
import type { Handlers } from "../../lib/app/deps.ts";
import { page, withRole } from "../../lib/app/respond.ts";
import { ADMIN_ROLES } from "../../lib/model/context.ts";
import type { Role } from "../../lib/model/types.ts";
import type { MonitorPayload } from "../../lib/model/monitor.ts";
import { metricsAllowed, monitorPayload } from "../../lib/metrics/mod.ts";
import { CacheCharts } from "../../islands/CacheCharts.tsx";
import { Layout } from "../_layout.tsx";

/** How often the page polls for fresh samples. */
export const POLL_MS = 2000;

/** The cache monitor's handler. */
export const handler: Handlers = {
  GET(c) {
    const ctx = withRole(c, ADMIN_ROLES);
    const data = monitorPayload(c.var.deps, ctx, {
      operator: metricsAllowed(c, c.var.deps.config),
    });
    return page(
      c,
      <AdminCachePage data={data} user={ctx.user} tenant={ctx.tenant} role={ctx.role} />,
    );
  },
};

/** Properties of {@linkcode AdminCachePage}. */
export interface AdminCachePageProps {
  data: MonitorPayload;
  user: { name: string; email: string };
  tenant: { name: string };
  role: Role;
}

/**
 * The cache monitor page.
 *
 * @example
 * ```tsx ignore
 * const data = monitorPayload(deps, ctx, { operator: false });
 * page(c, <AdminCachePage data={data} user={ctx.user} tenant={ctx.tenant} role={ctx.role} />);
 * ```
 */
export function AdminCachePage(props: AdminCachePageProps) {
  const { data } = props;
  const l2 = {
    redis: "Redis",
    "redis-cluster": "Redis Cluster",
    memory: "in-process store",
    off: "—",
  }[data.l2];
  return (
    <Layout title="Cache monitor" user={props.user} tenant={props.tenant} role={props.role}>
      <nav class="breadcrumb" aria-label="Breadcrumb">
        <a href="/">Projects</a> / Cache monitor
      </nav>
      <header class="page-header">
        <h1>Cache monitor</h1>
        <p class="lead">
          {data.scope === "instance"
            ? "How this instance's cache is doing"
            : `How the cache is doing for ${data.tenant.name}`}, refreshed every {POLL_MS / 1000}
          {" "}
          s. Prometheus scrapes the instance's numbers at <code>/metrics</code>.
        </p>
      </header>
      <dl class="facts">
        <div>
          <dt>Cache</dt>
          <dd>{data.cacheEnabled ? "on" : "off (CACHE=off)"}</dd>
        </div>
        <div>
          <dt>L2</dt>
          <dd>{l2}</dd>
        </div>
        <div>
          <dt>Breaker</dt>
          <dd>{data.cacheEnabled ? data.breaker : "—"}</dd>
        </div>
        {data.scope === "instance"
          ? (
            <>
              <div>
                <dt>Hits L1 / L2</dt>
                <dd>{data.hits.l1} / {data.hits.l2}</dd>
              </div>
              <div>
                <dt>Misses</dt>
                <dd>{data.misses}</dd>
              </div>
              <div>
                <dt>Stale served</dt>
                <dd>{data.staleServed}</dd>
              </div>
            </>
          )
          : (
            <>
              <div>
                <dt>Hits</dt>
                <dd>{data.tenant.hits}</dd>
              </div>
              <div>
                <dt>Misses</dt>
                <dd>{data.tenant.misses}</dd>
              </div>
            </>
          )}
      </dl>
      <CacheCharts initial={data} endpoint="/admin/cache/series" pollMs={POLL_MS} />
    </Layout>
  );
}
