/**
 * The project's header, live: name, description, overall status, progress, last update, and
 * its settings editor.
 *
 * @module
 */
import type { JSX } from "preact";
import { countRender, useLiveDashboard } from "../lib/store/hooks.ts";
import type { DashboardIslandProps } from "./_dashboard/live.ts";
import { HeaderSection } from "./_dashboard/header.tsx";

/**
 * The dashboard's header. Renders again when the project or its progress changes.
 *
 * @param props The live handle and edit context.
 * @returns The header.
 *
 * @example
 * ```tsx ignore
 * <ProjectHeader live={live} edit={edit} />
 * ```
 */
export function ProjectHeader(props: DashboardIslandProps): JSX.Element {
  countRender("ProjectHeader");
  const { sections } = useLiveDashboard(props.live);
  return (
    <HeaderSection
      project={sections.project.value}
      progress={sections.progress.value}
      ctx={props.edit}
    />
  );
}
