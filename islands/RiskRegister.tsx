/**
 * The risk register, live, with its add and edit forms.
 *
 * @module
 */
import type { JSX } from "preact";
import { countRender, useLiveDashboard } from "../lib/store/hooks.ts";
import type { DashboardIslandProps } from "./_dashboard/live.ts";
import { RisksSection } from "./_dashboard/risks.tsx";

/**
 * The `#risks` section. Renders again only when a risk changes.
 *
 * @param props The live handle and edit context.
 * @returns The section.
 *
 * @example
 * ```tsx ignore
 * <RiskRegister live={live} edit={edit} />
 * ```
 */
export function RiskRegister(props: DashboardIslandProps): JSX.Element {
  countRender("RiskRegister");
  const { sections } = useLiveDashboard(props.live);
  return <RisksSection risks={sections.risks.value} ctx={props.edit} />;
}
