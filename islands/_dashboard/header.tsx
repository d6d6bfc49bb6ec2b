/**
 * The project's header — name, description, overall status, progress and when it was last
 * updated — with its settings editor (name, description, status, owner and the review cadence,
 * archive and restore), and its footer.
 *
 * @module
 */
import type { ProjectDashboard } from "../../lib/model/types.ts";
import { type EditContext, failedIn, formFor, projectAction } from "./edit.ts";
import { ActionButton, Editable, type FieldSpec, HEALTH_OPTIONS, WriteForm } from "./fields.tsx";
import { ProgressBar, StatusDot } from "./ui.tsx";

const SETTINGS_FIELDS: readonly FieldSpec[] = [
  { name: "name", label: "Name", required: true, wide: true, maxLength: 200 },
  { name: "description", label: "Description", kind: "textarea", wide: true, maxLength: 2000 },
  { name: "status", label: "Overall status", maxLength: 80 },
  { name: "health", label: "Status colour", kind: "select", options: HEALTH_OPTIONS },
  { name: "owner", label: "Dashboard owner", maxLength: 120 },
  { name: "update_frequency", label: "Update frequency", maxLength: 120 },
  { name: "review_cycle", label: "Review cycle", maxLength: 120 },
];

/** The project's part of the dashboard and its overall progress. */
export type HeaderData = Pick<ProjectDashboard, "project" | "progress">;

/**
 * The dashboard's header.
 *
 * @example
 * ```tsx
 * <HeaderSection project={dashboard.project} progress={dashboard.progress} ctx={ctx} />
 * ```
 */
export function HeaderSection(props: HeaderData & { ctx: EditContext }) {
  const { project, progress, ctx } = props;
  return (
    <div class="project-header section" id="project">
      <Editable
        ctx={ctx}
        id="project"
        label="Project settings"
        failed={failedIn(ctx, ["settings"])}
        editor={() => (
          <>
            <Settings project={project} ctx={ctx} />
          </>
        )}
      >
        <h1>{project.name}</h1>
        {project.archivedAt && (
          <p class="banner" role="status">
            Archived on {project.archivedAt.slice(0, 10)}: it is not in the project list.
          </p>
        )}
        {project.description && <p class="lead">{project.description}</p>}
        <dl class="facts">
          <div>
            <dt>Overall status</dt>
            <dd>
              <StatusDot health={project.health} label={project.status} />
            </dd>
          </div>
          <div>
            <dt>Last updated</dt>
            <dd>{project.lastUpdated ?? project.updatedAt.slice(0, 10)}</dd>
          </div>
          <div class="facts__wide">
            <dt>Progress</dt>
            <dd>
              <ProgressBar
                value={progress.done}
                max={progress.total}
                label="Overall progress: tasks done"
                text={`${progress.percent}% · ${progress.done} of ${progress.total} tasks done`}
              />
            </dd>
          </div>
        </dl>
      </Editable>
    </div>
  );
}

function settingsValues(project: ProjectDashboard["project"]): Record<string, string> {
  return {
    name: project.name,
    description: project.description,
    status: project.status,
    health: project.health,
    owner: project.owner,
    update_frequency: project.updateFrequency ?? "",
    review_cycle: project.reviewCycle ?? "",
  };
}

function Settings(props: { project: ProjectDashboard["project"]; ctx: EditContext }) {
  const { project, ctx } = props;
  const { active, values, errors } = formFor(ctx, "settings");
  const archived = project.archivedAt !== null;
  return (
    <div class="stack">
      <WriteForm
        action={projectAction(ctx.projectId, "settings")}
        id="settings"
        fields={SETTINGS_FIELDS}
        values={active ? values : settingsValues(project)}
        errors={errors}
        submitted={active}
        submit="Save settings"
      />
      <ActionButton
        action={projectAction(ctx.projectId, archived ? "restore" : "archive")}
        label={archived ? "Restore project" : "Archive project"}
        danger={!archived}
      />
    </div>
  );
}

/**
 * The dashboard's footer: who owns it, how often it is updated and reviewed.
 *
 * @example
 * ```tsx
 * <FooterSection project={dashboard.project} />
 * ```
 */
export function FooterSection(props: { project: ProjectDashboard["project"] }) {
  const { owner, updateFrequency, reviewCycle } = props.project;
  if (!owner && !updateFrequency && !reviewCycle) return null;
  return (
    <footer class="dashboard-footer muted" id="cadence">
      {owner && (
        <p>
          Dashboard owner: <strong>{owner}</strong>
        </p>
      )}
      {updateFrequency && (
        <p>
          Update frequency: <strong>{updateFrequency}</strong>
        </p>
      )}
      {reviewCycle && (
        <p>
          Review cycle: <strong>{reviewCycle}</strong>
        </p>
      )}
    </footer>
  );
}
