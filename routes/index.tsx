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
import { type FieldSpec, WriteForm } from "../islands/_dashboard/fields.tsx";
import { canEdit } from "../lib/model/context.ts";
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
    const { value: projects, served, freshUntil, superseded } = await loaders.read(
      list,
      ctx.user.id,
    );
    return page(
      c,
      () => <HomePage tenant={ctx.tenant} user={ctx.user} role={ctx.role} projects={projects} />,
      200,
      // Data of earlier versions (the database is out of reach): no ETag describes it.
      { etag: superseded ? null : etag, served, freshUntil },
    );
  },
};

/** Properties of {@linkcode HomePage}. */
export interface HomePageProps {
  tenant: Tenant;
  user: User;
  role: Role;
  projects: ProjectSummary[];
  /** A new-project or import form that failed, shown again with its message. */
  failed?: HomeForm;
}

/** A failed form of the home page: which one, what was sent and the messages. */
export interface HomeForm {
  form: "project" | "import";
  values: Record<string, string>;
  errors: Record<string, string>;
}

const PROJECT_FIELDS: readonly FieldSpec[] = [
  { name: "name", label: "Name", required: true, maxLength: 200 },
  { name: "description", label: "Description", kind: "textarea", wide: true, maxLength: 2000 },
];

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
      {props.failed && (
        <div class="form-alert page-alert" role="alert">
          Nothing was created. {Object.values(props.failed.errors)[0]}
        </div>
      )}
      {props.projects.length === 0
        ? <p class="card empty">No projects yet.</p>
        : (
          <ul class="project-list" role="list">
            {props.projects.map((project) => <ProjectCard key={project.id} project={project} />)}
          </ul>
        )}
      {canEdit(props.role) && <NewProject failed={props.failed} />}
    </Layout>
  );
}

function NewProject(props: { failed?: HomeForm }) {
  const created = props.failed?.form === "project" ? props.failed : undefined;
  const imported = props.failed?.form === "import" ? props.failed : undefined;
  return (
    <div class="new-project grid-2">
      <section class="card stack" aria-labelledby="new-project-title">
        <h2 id="new-project-title">Start a project</h2>
        <WriteForm
          action="/projects"
          id="project-new"
          fields={PROJECT_FIELDS}
          values={created?.values ?? {}}
          errors={created?.errors ?? {}}
          submitted={created !== undefined}
          submit="Create project"
          labelledBy="new-project-title"
        />
      </section>
      <section class="card stack" aria-labelledby="import-title">
        <h2 id="import-title">Import a dashboard</h2>
        <p class="muted">
          A progress dashboard in Markdown, in the shape every dashboard's “Export as Markdown”
          writes. Up to 1 MB.
        </p>
        <form
          method="post"
          action="/projects/import"
          enctype="multipart/form-data"
          class="form-grid"
          aria-labelledby="import-title"
        >
          {imported && (
            <div class="form-alert" role="alert" id="import-error">
              {Object.values(imported.errors)[0]}
            </div>
          )}
          <div class="field field--wide">
            <label for="import-file">Markdown file</label>
            <input id="import-file" name="file" type="file" accept=".md,.markdown,text/markdown" />
          </div>
          <div class="field field--wide">
            <label for="import-markdown">Or paste it here</label>
            <textarea
              id="import-markdown"
              name="markdown"
              rows={6}
              aria-describedby={imported ? "import-error" : undefined}
            >
              {imported?.values.markdown ?? ""}
            </textarea>
          </div>
          <div class="form-grid__actions">
            <button type="submit" class="button button--primary">Import</button>
          </div>
        </form>
      </section>
    </div>
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
