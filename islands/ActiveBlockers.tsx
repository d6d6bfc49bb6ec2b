/**
 * Active blockers, live.
 *
 * @module
 */
import type { JSX } from "preact";
import { countRender, useLiveDashboard } from "../lib/store/hooks.ts";
import type { DashboardIslandProps } from "./_dashboard/live.ts";
import { BlockersSection } from "./_dashboard/blockers.tsx";

/**
 * The `#blockers` section. Renders again only when a blocker changes.
 *
 * @param props The live handle and edit context.
 * @returns The section.
 *
 * @example
 * ```tsx ignore
 * <ActiveBlockers live={live} edit={edit} />
 * ```
 */
export function ActiveBlockers(props: DashboardIslandProps): JSX.Element {
  countRender("ActiveBlockers");
  const { sections } = useLiveDashboard(props.live);
  return <BlockersSection blockers={sections.blockers.value} ctx={props.edit} />;
}
