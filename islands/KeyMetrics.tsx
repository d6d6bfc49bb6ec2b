/**
 * Key metrics, live: the performance and quality tables.
 *
 * @module
 */
import type { JSX } from "preact";
import { countRender, useLiveDashboard, useStableComputed } from "../lib/store/hooks.ts";
import type { DashboardIslandProps } from "./_dashboard/live.ts";
import { MetricsSection } from "./_dashboard/metrics.tsx";

/**
 * The `#metrics` section. Renders again only when a performance or quality metric changes.
 *
 * @param props The live handle and edit context.
 * @returns The section.
 *
 * @example
 * ```tsx ignore
 * <KeyMetrics live={live} edit={edit} />
 * ```
 */
export function KeyMetrics(props: DashboardIslandProps): JSX.Element {
  countRender("KeyMetrics");
  const { sections } = useLiveDashboard(props.live);
  const metrics = useStableComputed(() =>
    sections.metrics.value.filter((metric) => metric.group !== "summary")
  );
  return <MetricsSection metrics={metrics.value} ctx={props.edit} />;
}
