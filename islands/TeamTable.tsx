/**
 * The team assignment table, live.
 *
 * @module
 */
import type { JSX } from "preact";
import { countRender, useLiveDashboard } from "../lib/store/hooks.ts";
import type { DashboardIslandProps } from "./_dashboard/live.ts";
import { TeamSection } from "./_dashboard/team.tsx";

/**
 * The `#team` section. Renders again only when an assignment, or the tasks it counts, change.
 *
 * @param props The live handle and edit context.
 * @returns The section.
 *
 * @example
 * ```tsx ignore
 * <TeamTable live={live} edit={edit} />
 * ```
 */
export function TeamTable(props: DashboardIslandProps): JSX.Element {
  countRender("TeamTable");
  const { sections } = useLiveDashboard(props.live);
  return <TeamSection team={sections.team.value} ctx={props.edit} />;
}
