/**
 * The project dashboard page.
 *
 * @module
 */
import type { ProjectDashboard, Role, Tenant, User } from "../lib/model/types.ts";
import { canEdit, type ContextJson } from "../lib/model/context.ts";
import { createDashboardHandle } from "../lib/store/dashboard.ts";
import { createContextHandle } from "../lib/store/context.ts";
import { Layout } from "./_layout.tsx";
import type { EditContext, FormState } from "./_components/edit.ts";
import { PhasesSection } from "./_components/phases.tsx";
import { StatusDot } from "./_components/ui.tsx";
import { CommunicationLog } from "../islands/CommunicationLog.tsx";
import { DashboardSummary } from "../islands/DashboardSummary.tsx";
import { KeyMetrics } from "../islands/KeyMetrics.tsx";
import { LiveIndicator } from "../islands/LiveIndicator.tsx";
import { MilestoneBoard } from "../islands/MilestoneBoard.tsx";
import { RiskRegister } from "../islands/RiskRegister.tsx";
import { TeamTable } from "../islands/TeamTable.tsx";

export type { FormState };

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
  const ctx: EditContext = {
    projectId: project.id,
    canEdit: editable,
    form: editable ? props.form : undefined,
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
      <div class="dashboard">
        <DashboardSummary live={live} edit={ctx} />
        <PhasesSection phases={dashboard.phases} live={live} ctx={ctx} />
        <TeamTable live={live} />
        <KeyMetrics live={live} edit={ctx} />
        <RiskRegister live={live} edit={ctx} />
        <MilestoneBoard live={live} />
        <CommunicationLog live={live} edit={ctx} />
      </div>
    </Layout>
  );
}

/** The id of the first field in error, to jump to; the form's section if there is none. */
function errorTarget(form: FormState, dashboard: ProjectDashboard): string {
  const field = Object.keys(form.errors).find((key) => !key.startsWith("_"));
  if (form.form === "log") return field === "text" ? "log-text" : "log";
  if (form.form === "risk") {
    return field ? `risk-${form.id ?? "new"}-${field}` : "risks";
  }
  if (field === "current" && form.id) return `metric-${form.id}-current`;
  const metric = dashboard.metrics.find((m) => m.id === form.id);
  return metric?.group === "summary" ? "summary" : "metrics";
}
