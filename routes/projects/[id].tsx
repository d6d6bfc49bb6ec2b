/**
 * `GET /projects/:id`: a project's dashboard, with its write forms for those who may edit. The
 * islands on it share one live store that the invalidation socket keeps current.
 *
 * @module
 */
import type { Handlers } from "../../lib/app/deps.ts";
import { contextEtagOf, etagOf, page, revalidate, signedIn } from "../../lib/app/respond.ts";
import { found, HttpError, uuidParam } from "../../lib/http/errors.ts";
import { contextJson } from "../../lib/resources/context.ts";
import type { ProjectDashboard, Role, Tenant, User } from "../../lib/model/types.ts";
import { canEdit, type ContextJson } from "../../lib/model/context.ts";
import { createDashboardHandle } from "../../lib/store/dashboard.ts";
import { createContextHandle } from "../../lib/store/context.ts";
import { Layout } from "../_layout.tsx";
import { storedPage } from "../_stored.ts";
import {
  type EditContext,
  type FormState,
  SubmittedValues,
} from "../../islands/_dashboard/edit.ts";
import { ActiveBlockers } from "../../islands/ActiveBlockers.tsx";
import { CommunicationLog } from "../../islands/CommunicationLog.tsx";
import { DashboardSummary } from "../../islands/DashboardSummary.tsx";
import { KeyAccomplishments } from "../../islands/KeyAccomplishments.tsx";
import { KeyMetrics } from "../../islands/KeyMetrics.tsx";
import { LiveIndicator } from "../../islands/LiveIndicator.tsx";
import { MilestoneBoard } from "../../islands/MilestoneBoard.tsx";
import { NextActions } from "../../islands/NextActions.tsx";
import { PhaseList } from "../../islands/PhaseList.tsx";
import { ProjectFooter } from "../../islands/ProjectFooter.tsx";
import { ProjectHeader } from "../../islands/ProjectHeader.tsx";
import { RiskRegister } from "../../islands/RiskRegister.tsx";
import { TeamTable } from "../../islands/TeamTable.tsx";

export type { FormState };

/** The dashboard's handlers. */
export const handler: Handlers = {
  async GET(c) {
    const ctx = signedIn(c);
    const { loaders, htmlCache, bus } = c.var.deps;
    const projectId = uuidParam(c.req.param("id"), "Project");
    // The page's socket replays from here. The low-water mark, read before the versions:
    // commits arrive out of order, and an event below `lastSeq` may still be on its way.
    // Seeing an event twice costs a 304; missing one would leave the page stale.
    const seq = bus.lowWater;
    const dashboard = loaders.resources.dashboard(ctx.tenant.id, projectId);
    // `?edit=<section>`: the page with that section's forms, for browsers without JavaScript.
    const editing = editedSection(c.req.query("edit"));
    const etag = etagOf(c, ctx, dashboard, editing ? `edit-${editing}` : "page");
    if (etag) {
      // Another tenant's project, or none, is a 404 before any tag is compared: a 304 would
      // tell that it exists. Known from memory when warm, so a 304 costs no query.
      const has = loaders.hasProject(ctx.tenant.id, projectId, ctx.user.id);
      if (!(has instanceof Promise ? await has : has)) {
        throw new HttpError(404, "Project not found");
      }
      const notModified = revalidate(c, etag, { exists: true });
      if (notModified) return notModified;
      if (htmlCache.has(ctx.user.id, etag)) {
        return page(c, storedPage, 200, { etag, served: "hit" });
      }
    }
    // Same versions as `etag` (no await since): the data loaded next is at least this new.
    const apiEtag = etagOf(c, ctx, dashboard, "api");
    // The page's store holds the context too, to follow the user's flags (a page's ETag
    // covers the context's topics, so a stored page carries a current one).
    const context = { body: contextJson(ctx), etag: contextEtagOf(c, ctx) };
    const { value, served, freshUntil, superseded } = await loaders.read(dashboard, ctx.user.id);
    const data = found(value, "Project");
    // Data of earlier versions (the database is out of reach): no ETag describes it, and the
    // page's socket starts from nothing, so the page revalidates once it can.
    const current = !superseded;
    return page(
      c,
      () => (
        <ProjectPage
          dashboard={data}
          user={ctx.user}
          tenant={ctx.tenant}
          role={ctx.role}
          apiEtag={current ? apiEtag : null}
          seq={current ? seq : 0}
          context={context}
          editing={editing}
        />
      ),
      200,
      { etag: current ? etag : null, served, freshUntil },
    );
  },
};

/** Properties of {@linkcode ProjectPage}. */
export interface ProjectPageProps {
  dashboard: ProjectDashboard;
  user: User;
  tenant: Tenant;
  role: Role;
  /** A form to show again after failed validation. */
  form?: FormState;
  /**
   * The ETag `GET /api/projects/:id` would answer for this data, so the browser's store starts
   * with it and its first revalidation can be a 304. Null or absent: unknown.
   */
  apiEtag?: string | null;
  /** The last invalidation sequence number the data reflects; the socket's `hello` sends it. */
  seq?: number;
  /**
   * What `GET /api/context` would answer now, body and ETag: the browser's store holds it from
   * the start (no request on load) and follows the user's flags with it. Absent: not held.
   */
  context?: { body: ContextJson; etag: string | null };
  /** The section shown with its forms open (`?edit=`), if any. */
  editing?: string;
}

const SECTION_KEY = /^(?:[a-z]{1,20}|phase-[0-9a-f-]{36})$/;

/**
 * The section a `?edit=` names, when it is one a dashboard can have; anything else is none.
 *
 * @example
 * ```ts
 * editedSection("team"); // "team"
 * editedSection("<script>"); // undefined
 * ```
 */
export function editedSection(value: string | undefined): string | undefined {
  return value !== undefined && SECTION_KEY.test(value) ? value : undefined;
}

const sections = [
  { id: "summary", label: "Summary" },
  { id: "phases", label: "Phases" },
  { id: "team", label: "Team" },
  { id: "metrics", label: "Metrics" },
  { id: "blockers", label: "Blockers" },
  { id: "risks", label: "Risks" },
  { id: "milestones", label: "Milestones" },
  { id: "log", label: "Log" },
  { id: "accomplishments", label: "Accomplishments" },
  { id: "actions", label: "Next actions" },
];

/**
 * A full document showing a project's dashboard: values first, and for those who may edit, an
 * "Edit" control per section that shows its forms in place.
 *
 * @example
 * ```tsx
 * render(<ProjectPage dashboard={dashboard} user={user} tenant={tenant} role="member" />);
 * ```
 */
export function ProjectPage(props: ProjectPageProps) {
  const { dashboard } = props;
  const { project } = dashboard;
  const editable = canEdit(props.role);
  const form = editable ? props.form : undefined;
  // The islands get the form and its messages; its values reach the HTML once, through
  // SubmittedValues, and the browser reads them back from the form's fields.
  const ctx: EditContext = {
    projectId: project.id,
    canEdit: editable,
    form: form && { form: form.form, id: form.id, errors: form.errors },
    editing: editable ? props.editing : undefined,
  };
  const hasErrors = Boolean(ctx.form && Object.keys(ctx.form.errors).length > 0);
  // One handle for every island: its section signals are serialised once and shared.
  const live = createDashboardHandle(dashboard, {
    etag: props.apiEtag,
    seq: props.seq,
    context: props.context && createContextHandle(props.context.body, props.context.etag),
  });
  return (
    <Layout title={project.name} user={props.user} tenant={props.tenant} role={props.role}>
      <header class="page-header">
        <p class="breadcrumb">
          <a href="/">Projects</a>
        </p>
        <ProjectHeader live={live} edit={ctx} />
        <p class="page-header__status">
          {!editable && <span class="readonly-note">Read-only access</span>}
          <a class="button button--small" href={`/projects/${project.id}/export.md`} download>
            Export as Markdown
          </a>
          <LiveIndicator />
        </p>
      </header>
      {hasErrors && (
        <div class="form-alert page-alert" role="alert">
          Your change was not saved. Please correct the{" "}
          <a href={`#${errorTarget(ctx.form!)}`}>highlighted fields</a>.
        </div>
      )}
      <nav class="section-nav" aria-label="Dashboard sections">
        <ul role="list">
          {sections.map((s) => (
            <li key={s.id}>
              <a href={`#${s.id}`}>{s.label}</a>
            </li>
          ))}
        </ul>
      </nav>
      <SubmittedValues.Provider value={form?.values ?? null}>
        <div class="dashboard">
          <DashboardSummary live={live} edit={ctx} />
          <PhaseList live={live} edit={ctx} />
          <TeamTable live={live} edit={ctx} />
          <KeyMetrics live={live} edit={ctx} />
          <ActiveBlockers live={live} edit={ctx} />
          <RiskRegister live={live} edit={ctx} />
          <MilestoneBoard live={live} edit={ctx} />
          <CommunicationLog live={live} edit={ctx} />
          <KeyAccomplishments live={live} edit={ctx} />
          <NextActions live={live} edit={ctx} />
          {project.extraSections.map((extra, i) => (
            <section key={i} class="card section" aria-label={extra.heading}>
              <h2>{extra.heading}</h2>
              <pre class="extra-section">{extra.body}</pre>
            </section>
          ))}
        </div>
      </SubmittedValues.Provider>
      <ProjectFooter live={live} />
    </Layout>
  );
}

/** Where the failed form's section is, to jump to. */
function errorTarget(form: Omit<FormState, "values">): string {
  const sectionOf: Record<string, string> = {
    settings: "project",
    summary: "summary",
    phase: form.id ? `phase-${form.id}` : "phases",
    task: "phases",
    team: "team",
    metric: "metrics",
    blocker: "blockers",
    risk: "risks",
    milestone: "milestones",
    "milestone-item": "milestones",
    log: "log",
    accomplishment: "accomplishments",
    action: "actions",
  };
  return sectionOf[form.form] ?? "summary";
}
