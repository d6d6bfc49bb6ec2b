/**
 * The cache monitor's charts and tables. Server-rendered they show the samples the page was
 * rendered with; hydrated, they poll `/admin/cache/series` and redraw.
 *
 * @module
 */
import { useEffect, useState } from "preact/hooks";
import type { JSX } from "preact";
import type { MonitorPayload } from "../lib/model/monitor.ts";
import { linePath, niceMax, pathPoints } from "../lib/model/chart.ts";

/** Props of {@linkcode CacheCharts}. */
export interface CacheChartsProps {
  /** The data the page was rendered with. */
  initial: MonitorPayload;
  /** Where to poll for fresh data. */
  endpoint: string;
  /** How often to poll, in ms. */
  pollMs: number;
}

interface Line {
  label: string;
  color: string;
  values: (number | null)[];
}

interface ChartProps {
  id: string;
  title: string;
  unit: string;
  lines: Line[];
  max: number;
  window: number;
  /** Labels of the y axis's top and bottom, when not numbers. */
  axis?: [string, string];
  latest: string;
}

const WIDTH = 600;
const HEIGHT = 110;
const BLUE = "#2563eb";
const GREEN = "#16a34a";
const ORANGE = "#ea580c";
const BREAKER_NAMES = ["closed", "half-open", "open"];

/**
 * Charts of hit ratio, requests per second, p99 latency, breaker state and WebSocket clients,
 * then the canary cohorts and the viewer's tenant.
 *
 * Root: `.cache-monitor`; each chart a `section[data-chart]` whose `svg path.chart-line` has
 * `data-points` (how many samples it draws).
 *
 * @param props See {@linkcode CacheChartsProps}.
 * @returns The monitor.
 * @example
 * ```tsx ignore
 * <CacheCharts initial={payload} endpoint="/admin/cache/series" pollMs={2000} />
 * ```
 */
export function CacheCharts(props: CacheChartsProps): JSX.Element {
  const [data, setData] = useState<MonitorPayload>(props.initial);
  const [offline, setOffline] = useState(false);
  useEffect(() => {
    let stopped = false;
    const id = setInterval(async () => {
      try {
        const response = await fetch(props.endpoint, {
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const next = await response.json() as MonitorPayload;
        if (!stopped) {
          setData(next);
          setOffline(false);
        }
      } catch {
        if (!stopped) setOffline(true);
      }
    }, props.pollMs);
    return () => {
      stopped = true;
      clearInterval(id);
    };
  }, [props.endpoint, props.pollMs]);

  const s = data.samples;
  const window = Math.min(data.capacity, Math.max(60, s.length));
  const last = s.at(-1);
  const lastRatio = s.findLast((x) => x.hitRatio !== null)?.hitRatio ?? null;
  const lastP99 = s.findLast((x) => x.p99Ms !== null)?.p99Ms ?? null;
  const seconds = Math.round((window * data.intervalMs) / 1000);
  const rps = [...s.map((x) => x.rps), ...s.map((x) => x.rpsOn), ...s.map((x) => x.rpsOff)];
  const p99 = s.flatMap((x) => [x.p99Ms, x.p99OnMs, x.p99OffMs]);
  const ws = s.map((x) => x.wsClients);
  const instance = data.scope === "instance";
  return (
    <div class="cache-monitor stack" data-samples={s.length} data-scope={data.scope}>
      <p class="muted" role="status">
        {instance ? "This instance, all tenants" : `${data.tenant.name} only`}, last {seconds}{" "}
        s, one sample every {data.intervalMs / 1000}{" "}
        s{offline ? " — not updating: the server did not answer" : ""}.
        {instance
          ? ""
          : " Operators see the whole instance from loopback or with the metrics token."}
      </p>
      <Chart
        id="hit-ratio"
        title="Cache hit ratio"
        unit="%"
        max={100}
        window={window}
        latest={lastRatio === null ? "—" : `${Math.round(lastRatio * 100)} %`}
        lines={[{
          label: "hits / lookups",
          color: GREEN,
          values: s.map((x) => x.hitRatio === null ? null : x.hitRatio * 100),
        }]}
      />
      {instance
        ? (
          <Chart
            id="requests"
            title="Requests per second"
            unit="req/s"
            max={niceMax(rps)}
            window={window}
            latest={last ? `${last.rps.toFixed(1)} req/s` : "—"}
            lines={[
              { label: "all", color: BLUE, values: s.map((x) => x.rps) },
              { label: "cache flag on", color: GREEN, values: s.map((x) => x.rpsOn) },
              { label: "cache flag off", color: ORANGE, values: s.map((x) => x.rpsOff) },
            ]}
          />
        )
        : (
          <Chart
            id="lookups"
            title="Cache lookups per second"
            unit="/s"
            max={niceMax(rps)}
            window={window}
            latest={last ? `${last.rps.toFixed(1)} /s` : "—"}
            lines={[{ label: data.tenant.name, color: BLUE, values: s.map((x) => x.rps) }]}
          />
        )}
      {instance && (
        <Chart
          id="latency"
          title="p99 latency"
          unit="ms"
          max={niceMax(p99)}
          window={window}
          latest={lastP99 === null ? "—" : `${lastP99.toFixed(1)} ms`}
          lines={[
            { label: "all", color: BLUE, values: s.map((x) => x.p99Ms) },
            { label: "cache flag on", color: GREEN, values: s.map((x) => x.p99OnMs) },
            { label: "cache flag off", color: ORANGE, values: s.map((x) => x.p99OffMs) },
          ]}
        />
      )}
      <Chart
        id="breaker"
        title="Redis circuit breaker"
        unit=""
        max={2}
        window={window}
        axis={["open", "closed"]}
        latest={data.cacheEnabled ? data.breaker : "cache off"}
        lines={[{ label: "state", color: BLUE, values: s.map((x) => x.breaker) }]}
      />
      {instance && (
        <Chart
          id="ws-clients"
          title="WebSocket clients"
          unit="clients"
          max={niceMax(ws, 5)}
          window={window}
          latest={data.wsClients === null ? "no hub" : String(data.wsClients)}
          lines={[{ label: "connected", color: BLUE, values: ws }]}
        />
      )}
      {instance && <CohortTable data={data} />}
      <TenantTable data={data} />
    </div>
  );
}

function Chart(props: ChartProps): JSX.Element {
  const frame = { width: WIDTH, height: HEIGHT, max: props.max, window: props.window };
  const [top, bottom] = props.axis ?? [`${formatAxis(props.max)} ${props.unit}`.trim(), "0"];
  return (
    <section class="card chart" data-chart={props.id}>
      <p>
        <strong>{props.title}</strong> <span class="muted">latest: {props.latest}</span>
      </p>
      <svg
        viewBox={`-2 -12 ${WIDTH + 4} ${HEIGHT + 30}`}
        width="100%"
        role="img"
        aria-label={`${props.title}, last ${props.window} samples`}
      >
        <line x1="0" y1="0" x2={WIDTH} y2="0" stroke="currentColor" stroke-opacity="0.15" />
        <line
          x1="0"
          y1={HEIGHT / 2}
          x2={WIDTH}
          y2={HEIGHT / 2}
          stroke="currentColor"
          stroke-opacity="0.1"
        />
        <line
          x1="0"
          y1={HEIGHT}
          x2={WIDTH}
          y2={HEIGHT}
          stroke="currentColor"
          stroke-opacity="0.3"
        />
        <text x="2" y="-2" font-size="10" fill="currentColor" fill-opacity="0.7">{top}</text>
        <text x="2" y={HEIGHT - 3} font-size="10" fill="currentColor" fill-opacity="0.7">
          {bottom}
        </text>
        {props.id === "breaker"
          ? (
            <text x="2" y={HEIGHT / 2 - 3} font-size="10" fill="currentColor" fill-opacity="0.7">
              {BREAKER_NAMES[1]}
            </text>
          )
          : null}
        {props.lines.map((line) => {
          const d = linePath(line.values, frame);
          return (
            <path
              key={line.label}
              class="chart-line"
              d={d}
              data-points={pathPoints(d)}
              data-series={line.label}
              fill="none"
              stroke={line.color}
              stroke-width="2"
              stroke-linejoin="round"
            />
          );
        })}
        {props.lines.length > 1
          ? props.lines.map((line, i) => (
            <g key={line.label} transform={`translate(${i * 150} ${HEIGHT + 14})`}>
              <rect width="10" height="3" y="-4" fill={line.color} />
              <text x="14" font-size="10" fill="currentColor">{line.label}</text>
            </g>
          ))
          : null}
      </svg>
    </section>
  );
}

function CohortTable({ data }: { data: MonitorPayload }): JSX.Element {
  return (
    <section class="card" data-table="cohorts">
      <h2>Canary: cache flag on vs off</h2>
      <p class="muted">
        Requests since start by the signed-in user's <code>cache</code> flag, all tenants.
      </p>
      <div class="table-wrap">
        <table class="table table--compact">
          <thead>
            <tr>
              <th scope="col">Cohort</th>
              <th scope="col">Requests</th>
              <th scope="col">304 share</th>
              <th scope="col">5xx</th>
              <th scope="col">p99 latency</th>
            </tr>
          </thead>
          <tbody>
            {data.cohorts.map((row) => (
              <tr key={row.cohort} data-cohort={row.cohort}>
                <th scope="row">{row.cohort === "on" ? "cache flag on" : "cache flag off"}</th>
                <td>{row.requests}</td>
                <td>{row.requests ? percent(row.notModified / row.requests) : "—"}</td>
                <td>{row.serverErrors}</td>
                <td>{row.p99Ms === null ? "—" : `${row.p99Ms.toFixed(1)} ms`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function TenantTable({ data }: { data: MonitorPayload }): JSX.Element {
  const t = data.tenant;
  return (
    <section class="card" data-table="tenants">
      <h2>Your tenant</h2>
      <p class="muted">
        Cache lookups for {t.name} since this instance started. Other tenants are not shown.
        {data.cacheEnabled ? "" : " The cache is off (CACHE=off)."}
      </p>
      <div class="table-wrap">
        <table class="table table--compact">
          <thead>
            <tr>
              <th scope="col">Tenant</th>
              <th scope="col">Hits</th>
              <th scope="col">Misses</th>
              <th scope="col">Hit ratio</th>
            </tr>
          </thead>
          <tbody>
            <tr data-tenant={t.name}>
              <th scope="row">{t.name}</th>
              <td>{t.hits}</td>
              <td>{t.misses}</td>
              <td>{t.ratio === null ? "—" : percent(t.ratio)}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}

function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)} %`;
}

function formatAxis(n: number): string {
  return n >= 1000 ? `${n / 1000}k` : String(n);
}
