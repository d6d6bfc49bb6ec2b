/**
 * `GET /`: the tenant's projects, each with its progress and health.
 *
 * @module
 */
import type { Handlers } from "../lib/app/deps.ts";
import { etagOf, page, revalidate, signedIn } from "../lib/app/respond.ts";
import type { ProjectSummary, Role, Tenant, User } from "../lib/model/types.ts";
import { formatDateTime, percent } from "../islands/_dashboard/format.ts";
import { ProgressBar, StatusDot } from "../islands/_dashboard/ui.tsx";
import { Layout } from "./_layout.tsx";
import { storedPage } from "./_stored.ts";

/** The home page's handlers. */
export const handler: Handlers = {
  async GET(c) {
    const ctx = signedIn(c);
    const { loaders, htmlCache } = c.var.deps;
    const list = loaders.resources.projectList(ctx.tenant.id);
    const etag = etagOf(c, ctx, list, "page");
    const notModified = revalidate(c, etag, { exists: true });
    if (notModified) return notModified;
    if (etag && htmlCache.has(ctx.user.id, etag)) {
      return page(c, storedPage, 200, { etag, served: "hit" });
    }
    const { value: projects, served } = await loaders.read(list, ctx.user.id);
    return page(
      c,
      () => <HomePage tenant={ctx.tenant} user={ctx.user} role={ctx.role} projects={projects} />,
      200,
      { etag, served },
    );
  },
};

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
