/**
 * The executive summary, live: the project's status line and its summary metrics.
 *
 * @module
 */
import type { JSX } from "preact";
import { countRender, useLiveDashboard, useStableComputed } from "../lib/store/hooks.ts";
import type { DashboardIslandProps } from "./_dashboard/live.ts";
import { SummarySection } from "./_dashboard/summary.tsx";

/**
 * The `#summary` section. Renders again only when the project's facts or a summary metric
 * change.
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
  return (
    <SummarySection project={sections.project.value} metrics={metrics.value} ctx={props.edit} />
  );
}
