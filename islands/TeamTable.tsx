/**
 * The team assignment table, live.
 *
 * @module
 */
import type { JSX } from "preact";
import type { LiveDashboardHandle } from "../lib/store/dashboard.ts";
import { countRender, useLiveDashboard } from "../lib/store/hooks.ts";
import { TeamSection } from "./_dashboard/team.tsx";

/**
 * The `#team` section. Renders again only when an assignment changes.
 *
 * @param props The live handle.
 * @returns The section.
 *
 * @example
 * ```tsx ignore
 * <TeamTable live={live} />
 * ```
 */
export function TeamTable(props: { live: LiveDashboardHandle }): JSX.Element {
  countRender("TeamTable");
  const { sections } = useLiveDashboard(props.live);
  return <TeamSection team={sections.team.value} />;
}
