/**
 * The weekly milestones, live.
 *
 * @module
 */
import type { JSX } from "preact";
import type { LiveDashboardHandle } from "../lib/store/dashboard.ts";
import { countRender, useLiveDashboard } from "../lib/store/hooks.ts";
import { MilestonesSection } from "./_dashboard/milestones.tsx";

/**
 * The `#milestones` section. Renders again only when a milestone changes.
 *
 * @param props The live handle.
 * @returns The section.
 *
 * @example
 * ```tsx ignore
 * <MilestoneBoard live={live} />
 * ```
 */
export function MilestoneBoard(props: { live: LiveDashboardHandle }): JSX.Element {
  countRender("MilestoneBoard");
  const { sections } = useLiveDashboard(props.live);
  return <MilestonesSection milestones={sections.milestones.value} />;
}
