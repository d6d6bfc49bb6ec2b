/**
 * The home page's project cards: each project with its status, progress and last update.
 *
 * @module
 */
import type { ProjectSummary } from "../../lib/model/types.ts";
import { formatDateTime, percent } from "./format.ts";
import { ProgressBar, StatusDot } from "./ui.tsx";

/**
 * The tenant's projects as cards, or a note that there are none yet.
 *
 * @example
 * ```tsx
 * <ProjectCardList projects={projects} />
 * ```
 */
export function ProjectCardList(props: { projects: readonly ProjectSummary[] }) {
  if (props.projects.length === 0) return <p class="card empty">No projects yet.</p>;
  return (
    <ul class="project-list" role="list">
      {props.projects.map((project) => <ProjectCard key={project.id} project={project} />)}
    </ul>
  );
}

/**
 * One project's card: its name linking to its dashboard, description, status, progress and
 * when it was last updated.
 *
 * @example
 * ```tsx
 * <ProjectCard project={project} />
 * ```
 */
function ProjectCard(props: { project: ProjectSummary }) {
  const p = props.project;
  const href = `/projects/${encodeURIComponent(p.id)}`;
  return (
    <li class={`card project-card project-card--${p.health}`}>
      <h2 class="project-card__title">
        <a href={href}>{p.name}</a>
      </h2>
      {p.description && <p class="project-card__description">{p.description}</p>}
      <p class="project-card__status">
        <StatusDot health={p.health} label={p.status} />
      </p>
      <ProgressBar
        value={p.doneCount}
        max={p.taskCount}
        label={`${p.name}: tasks done`}
        text={`${p.doneCount} of ${p.taskCount} tasks done (${percent(p.doneCount, p.taskCount)}%)`}
      />
      <p class="project-card__updated muted">
        Updated <time datetime={p.updatedAt}>{formatDateTime(p.updatedAt)}</time>
      </p>
    </li>
  );
}
