/**
 * The home page's project cards, live: a project created, imported, archived or restored, or
 * a task changed, by anyone in the tenant shows on every open home page.
 *
 * @module
 */
import type { JSX } from "preact";
import type { ProjectSummary } from "../lib/model/types.ts";
import { countRender } from "../lib/store/hooks.ts";
import { type LiveListHandle, useLiveList } from "../lib/store/list.ts";
import { ProjectCardList } from "./_dashboard/projects.tsx";

/** Props of {@linkcode ProjectCards}. */
export interface ProjectCardsProps {
  /** The project list's live handle (`/api/projects`). */
  live: LiveListHandle<ProjectSummary>;
}

/**
 * The tenant's projects as cards. Renders again when the list the store holds changes.
 *
 * @param props The live handle.
 * @returns The cards, or a note that there are no projects yet.
 *
 * @example
 * ```tsx ignore
 * <ProjectCards live={createListHandle(PROJECT_LIST_PATH, projects, { etag, seq })} />
 * ```
 */
export function ProjectCards(props: ProjectCardsProps): JSX.Element {
  countRender("ProjectCards");
  const projects = useLiveList(props.live);
  return <ProjectCardList projects={projects.value} />;
}
