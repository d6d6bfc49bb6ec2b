/**
 * The weekly milestones, live.
 *
 * @module
 */
import type { JSX } from "preact";
import { countRender, useLiveDashboard } from "../lib/store/hooks.ts";
import type { DashboardIslandProps } from "./_dashboard/live.ts";
import { MilestonesSection } from "./_dashboard/milestones.tsx";

/**
 * The `#milestones` section. Renders again only when a milestone changes.
 *
 * @param props The live handle and edit context.
 * @returns The section.
 *
 * @example
 * ```tsx ignore
 * <MilestoneBoard live={live} edit={edit} />
 * ```
 */
export function MilestoneBoard(props: DashboardIslandProps): JSX.Element {
  countRender("MilestoneBoard");
  const { sections } = useLiveDashboard(props.live);
  return <MilestonesSection milestones={sections.milestones.value} ctx={props.edit} />;
}
