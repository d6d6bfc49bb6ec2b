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
import type { Phase, ProjectDashboard, Role, Tenant, User } from "../../lib/model/types.ts";
import { canEdit, type ContextJson } from "../../lib/model/context.ts";
import { createDashboardHandle, type LiveDashboardHandle } from "../../lib/store/dashboard.ts";
import { createContextHandle } from "../../lib/store/context.ts";
import { Layout } from "../_layout.tsx";
import { storedPage } from "../_stored.ts";
import {
  type EditContext,
  type FormState,
  SubmittedValues,
} from "../../islands/_dashboard/edit.ts";
import { StatusDot } from "../../islands/_dashboard/ui.tsx";
import { CommunicationLog } from "../../islands/CommunicationLog.tsx";
import { DashboardSummary } from "../../islands/DashboardSummary.tsx";
import { KeyMetrics } from "../../islands/KeyMetrics.tsx";
import { LiveIndicator } from "../../islands/LiveIndicator.tsx";
import { MilestoneBoard } from "../../islands/MilestoneBoard.tsx";
import { PhaseCard } from "../../islands/PhaseCard.tsx";
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
    const etag = etagOf(c, ctx, dashboard, "page");
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
    const { value, served } = await loaders.read(dashboard, ctx.user.id);
    const data = found(value, "Project");
    return page(
      c,
      () => (
        <ProjectPage
          dashboard={data}
          user={ctx.user}
          tenant={ctx.tenant}
          role={ctx.role}
          apiEtag={apiEtag}
          seq={seq}
          context={context}
        />
      ),
      200,
      { etag, served },
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
}

const sections = [
  { id: "summary", label: "Summary" },
  { id: "phases", label: "Phases" },
  { id: "team", label: "Team" },
  { id: "metrics", label: "Metrics" },
  { id: "risks", label: "Risks" },
  { id: "milestones", label: "Milestones" },
  { id: "log", label: "Log" },
];

/**
 * A full document showing a project's dashboard; write forms only for those who may edit.
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
        <h1>{project.name}</h1>
        {project.description && <p class="lead">{project.description}</p>}
        <p class="page-header__status">
          <StatusDot health={project.health} label={project.status} />
          {!editable && <span class="readonly-note">Read-only access</span>}
          <LiveIndicator />
        </p>
      </header>
      {hasErrors && (
        <div class="form-alert page-alert" role="alert">
          Your change was not saved. Please correct the{" "}
          <a href={`#${errorTarget(ctx.form!, dashboard)}`}>highlighted fields</a>.
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
          <PhasesSection phases={dashboard.phases} live={live} ctx={ctx} />
          <TeamTable live={live} />
          <KeyMetrics live={live} edit={ctx} />
          <RiskRegister live={live} edit={ctx} />
          <MilestoneBoard live={live} />
          <CommunicationLog live={live} edit={ctx} />
        </div>
      </SubmittedValues.Provider>
    </Layout>
  );
}

/** The id of the first field in error, to jump to; the form's section if there is none. */
function errorTarget(form: Omit<FormState, "values">, dashboard: ProjectDashboard): string {
  const field = Object.keys(form.errors).find((key) => !key.startsWith("_"));
  if (form.form === "log") return field === "text" ? "log-text" : "log";
  if (form.form === "risk") {
    return field ? `risk-${form.id ?? "new"}-${field}` : "risks";
  }
  if (field === "current" && form.id) return `metric-${form.id}-current`;
  const metric = dashboard.metrics.find((m) => m.id === form.id);
  return metric?.group === "summary" ? "summary" : "metrics";
}

/**
 * The `#phases` section.
 *
 * @example
 * ```tsx
 * <PhasesSection phases={dashboard.phases} live={live} ctx={ctx} />
 * ```
 */
function PhasesSection(
  props: { phases: Phase[]; live: LiveDashboardHandle; ctx: EditContext },
) {
  return (
    <section id="phases" class="card section" aria-labelledby="phases-title">
      <h2 id="phases-title">Phase progress</h2>
      {props.phases.length === 0 && <p class="muted">No phases planned yet.</p>}
      <div class="phase-list">
        {props.phases.map((phase, index) => (
          <PhaseCard
            key={phase.id}
            live={props.live}
            edit={props.ctx}
            phaseId={phase.id}
            index={index}
          />
        ))}
      </div>
    </section>
  );
}
