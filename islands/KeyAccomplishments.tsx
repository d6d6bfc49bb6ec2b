/**
 * Key accomplishments, live.
 *
 * @module
 */
import type { JSX } from "preact";
import { countRender, useLiveDashboard } from "../lib/store/hooks.ts";
import type { DashboardIslandProps } from "./_dashboard/live.ts";
import { AccomplishmentsSection } from "./_dashboard/accomplishments.tsx";

/**
 * The `#accomplishments` section. Renders again only when a deliverable changes.
 *
 * @param props The live handle and edit context.
 * @returns The section.
 *
 * @example
 * ```tsx ignore
 * <KeyAccomplishments live={live} edit={edit} />
 * ```
 */
export function KeyAccomplishments(props: DashboardIslandProps): JSX.Element {
  countRender("KeyAccomplishments");
  const { sections } = useLiveDashboard(props.live);
  return (
    <AccomplishmentsSection accomplishments={sections.accomplishments.value} ctx={props.edit} />
  );
}
