/**
 * The home page: the tenant's projects.
 *
 * @module
 */
import type { ProjectSummary, Role, Tenant, User } from "../lib/model/types.ts";
import { Layout } from "./_layout.tsx";
import { formatDateTime, percent } from "./_components/format.ts";
import { ProgressBar, StatusDot } from "./_components/ui.tsx";

/** Properties of {@linkcode HomePage}. */
export interface HomePageProps {
  tenant: Tenant;
  user: User;
  role: Role;
  projects: ProjectSummary[];
}

/**
 * A full document listing the tenant's projects, each with its progress and health.
 *
 * @example
 * ```tsx
 * render(<HomePage tenant={tenant} user={user} role="owner" projects={projects} />);
 * ```
 */
export function HomePage(props: HomePageProps) {
  return (
    <Layout title="Projects" user={props.user} tenant={props.tenant} role={props.role}>
      <header class="page-header">
        <h1>Projects</h1>
        <p class="muted">{props.tenant.name}'s projects and how they are doing.</p>
      </header>
      {props.projects.length === 0
        ? <p class="card empty">No projects yet.</p>
        : (
          <ul class="project-list" role="list">
            {props.projects.map((project) => <ProjectCard key={project.id} project={project} />)}
          </ul>
        )}
    </Layout>
  );
}

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
