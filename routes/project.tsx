/**
 * The project dashboard page.
 *
 * @module
 */
import type { ProjectDashboard, Role, Tenant, User } from "../lib/db/types.ts";
import { Layout } from "./_layout.tsx";
import type { EditContext } from "./_components/edit.ts";
import { LogSection } from "./_components/log.tsx";
import { MetricsSection } from "./_components/metrics.tsx";
import { MilestonesSection } from "./_components/milestones.tsx";
import { PhasesSection } from "./_components/phases.tsx";
import { RisksSection } from "./_components/risks.tsx";
import { SummarySection } from "./_components/summary.tsx";
import { TeamSection } from "./_components/team.tsx";
import { StatusDot } from "./_components/ui.tsx";

/**
 * A write form that failed validation, shown again with the entered values and the errors.
 *
 * `id` names the metric or risk the form edits (none for "Add risk" and the log form).
 * `errors` maps a field name to its message; a key that is no field, such as `_form`, is shown
 * at the top of the form.
 */
export type FormState = {
  form: "log" | "metric" | "risk";
  id?: string;
  values: Record<string, string>;
  errors: Record<string, string>;
};

/** Properties of {@linkcode ProjectPage}. */
export interface ProjectPageProps {
  dashboard: ProjectDashboard;
  user: User;
  tenant: Tenant;
  role: Role;
  /** A form to show again after failed validation. */
  form?: FormState;
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
 * Whether `role` may change a project: owners, admins and members may; viewers may not.
 *
 * @example
 * ```ts
 * canEditProject("viewer"); // false
 * ```
 */
export function canEditProject(role: Role): boolean {
  return role === "owner" || role === "admin" || role === "member";
}

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
  const canEdit = canEditProject(props.role);
  const ctx: EditContext = {
    projectId: project.id,
    canEdit,
    form: canEdit ? props.form : undefined,
  };
  const hasErrors = Boolean(ctx.form && Object.keys(ctx.form.errors).length > 0);
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
          {!canEdit && <span class="readonly-note">Read-only access</span>}
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
        <SummarySection project={project} metrics={dashboard.metrics} ctx={ctx} />
        <PhasesSection phases={dashboard.phases} ctx={ctx} />
        <TeamSection team={dashboard.team} />
        <MetricsSection metrics={dashboard.metrics} ctx={ctx} />
        <RisksSection risks={dashboard.risks} ctx={ctx} />
        <MilestonesSection milestones={dashboard.milestones} />
        <LogSection log={dashboard.log} ctx={ctx} />
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
