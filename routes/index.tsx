/**
 * `GET /`: the tenant's projects, each with its progress and health. The cards are an island
 * over the page's live store, so a project created, imported, archived or restored, or a task
 * changed, by anyone in the tenant shows on every open home page.
 *
 * @module
 */
import type { Handlers } from "../lib/app/deps.ts";
import { contextEtagOf, etagOf, page, revalidate, signedIn } from "../lib/app/respond.ts";
import type { ProjectSummary, Role, Tenant, User } from "../lib/model/types.ts";
import { type FieldSpec, WriteForm } from "../islands/_dashboard/fields.tsx";
import { canEdit, type ContextJson } from "../lib/model/context.ts";
import { PROJECT_LIST_PATH } from "../lib/model/api.ts";
import { contextJson } from "../lib/resources/context.ts";
import { createContextHandle } from "../lib/store/context.ts";
import { createListHandle } from "../lib/store/list.ts";
import { LiveIndicator } from "../islands/LiveIndicator.tsx";
import { ProjectCards } from "../islands/ProjectCards.tsx";
import { Layout } from "./_layout.tsx";
import { storedPage } from "./_stored.ts";

/** The home page's handlers. */
export const handler: Handlers = {
  async GET(c) {
    const ctx = signedIn(c);
    const { loaders, htmlCache, bus } = c.var.deps;
    // The page's socket replays from here: the low-water mark, read before the versions (see
    // the dashboard's route).
    const seq = bus.lowWater;
    const list = loaders.resources.projectList(ctx.tenant.id);
    const etag = etagOf(c, ctx, list, "page");
    const notModified = revalidate(c, etag, { exists: true });
    if (notModified) return notModified;
    if (etag && htmlCache.has(ctx.user.id, etag)) {
      return page(c, storedPage, 200, { etag, served: "hit" });
    }
    // Same versions as `etag` (no await since): the list loaded next is at least this new.
    const apiEtag = etagOf(c, ctx, list, "api");
    const context = { body: contextJson(ctx), etag: contextEtagOf(c, ctx) };
    const { value: projects, served, freshUntil, superseded } = await loaders.read(
      list,
      ctx.user.id,
    );
    // Data of earlier versions (the database is out of reach): no ETag describes it, and the
    // page's socket starts from nothing, so the page revalidates once it can.
    const current = !superseded;
    const live = { etag: current ? apiEtag : null, seq: current ? seq : 0, context };
    return page(
      c,
      () => (
        <HomePage
          tenant={ctx.tenant}
          user={ctx.user}
          role={ctx.role}
          projects={projects}
          live={live}
        />
      ),
      200,
      { etag: current ? etag : null, served, freshUntil },
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
  /**
   * What the browser's store starts from: the ETag `GET /api/projects` would answer for these
   * projects (null: unknown), the last invalidation sequence number they reflect (0: none),
   * and what `GET /api/context` would answer now, so the store follows the user's flags.
   * Absent: all unknown, and the store asks once the socket is live.
   */
  live?: {
    etag: string | null;
    seq: number;
    context?: { body: ContextJson; etag: string | null };
  };
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
  const context = props.live?.context;
  const live = createListHandle(PROJECT_LIST_PATH, props.projects, {
    etag: props.live?.etag,
    seq: props.live?.seq,
    context: context && createContextHandle(context.body, context.etag),
  });
  return (
    <Layout title="Projects" user={props.user} tenant={props.tenant} role={props.role}>
      <header class="page-header">
        <h1>Projects</h1>
        <p class="muted">{props.tenant.name}'s projects and how they are doing.</p>
        <p class="page-header__status">
          <LiveIndicator />
        </p>
      </header>
      {props.failed && (
        <div class="form-alert page-alert" role="alert">
          Nothing was created. {Object.values(props.failed.errors)[0]}
        </div>
      )}
      <ProjectCards live={live} />
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
