/**
 * The dashboard's footer, live: owner, update frequency and review cycle.
 *
 * @module
 */
import type { JSX } from "preact";
import type { LiveDashboardHandle } from "../lib/store/dashboard.ts";
import { countRender, useLiveDashboard } from "../lib/store/hooks.ts";
import { FooterSection } from "./_dashboard/header.tsx";

/**
 * The footer. Renders again when the project changes.
 *
 * @param props The live handle.
 * @returns The footer, or nothing when no cadence is set.
 *
 * @example
 * ```tsx ignore
 * <ProjectFooter live={live} />
 * ```
 */
export function ProjectFooter(props: { live: LiveDashboardHandle }): JSX.Element | null {
  countRender("ProjectFooter");
  const { sections } = useLiveDashboard(props.live);
  return <FooterSection project={sections.project.value} />;
}
