/**
 * The communication log, live, with its form to add an entry.
 *
 * @module
 */
import type { JSX } from "preact";
import { countRender, useLiveDashboard } from "../lib/store/hooks.ts";
import type { DashboardIslandProps } from "./_dashboard/live.ts";
import { LogSection } from "./_dashboard/log.tsx";

/**
 * The `#log` section. Renders again only when the log changes.
 *
 * @param props The live handle and edit context.
 * @returns The section.
 *
 * @example
 * ```tsx ignore
 * <CommunicationLog live={live} edit={edit} />
 * ```
 */
export function CommunicationLog(props: DashboardIslandProps): JSX.Element {
  countRender("CommunicationLog");
  const { sections } = useLiveDashboard(props.live);
  return <LogSection log={sections.log.value} ctx={props.edit} />;
}
