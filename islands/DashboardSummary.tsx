/**
 * The executive summary, live: its rows.
 *
 * @module
 */
import type { JSX } from "preact";
import { countRender, useLiveDashboard, useStableComputed } from "../lib/store/hooks.ts";
import type { DashboardIslandProps } from "./_dashboard/live.ts";
import { SummarySection } from "./_dashboard/summary.tsx";

/**
 * The `#summary` section. Renders again only when a summary row changes.
 *
 * @param props The live handle and edit context.
 * @returns The section.
 *
 * @example
 * ```tsx ignore
 * <DashboardSummary live={live} edit={edit} />
 * ```
 */
export function DashboardSummary(props: DashboardIslandProps): JSX.Element {
  countRender("DashboardSummary");
  const { sections } = useLiveDashboard(props.live);
  const metrics = useStableComputed(() =>
    sections.metrics.value.filter((metric) => metric.group === "summary")
  );
  return <SummarySection metrics={metrics.value} ctx={props.edit} />;
}
