/**
 * Next actions, live.
 *
 * @module
 */
import type { JSX } from "preact";
import { countRender, useLiveDashboard } from "../lib/store/hooks.ts";
import type { DashboardIslandProps } from "./_dashboard/live.ts";
import { ActionsSection } from "./_dashboard/actions.tsx";

/**
 * The `#actions` section. Renders again only when an action changes.
 *
 * @param props The live handle and edit context.
 * @returns The section.
 *
 * @example
 * ```tsx ignore
 * <NextActions live={live} edit={edit} />
 * ```
 */
export function NextActions(props: DashboardIslandProps): JSX.Element {
  countRender("NextActions");
  const { sections } = useLiveDashboard(props.live);
  return <ActionsSection groups={sections.actionGroups.value} ctx={props.edit} />;
}
