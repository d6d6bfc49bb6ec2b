/**
 * The team assignment table: each member's status, current task and progress, and the tasks
 * assigned to them with how many are done; an "Edit" panel to add, change, reorder and remove
 * rows.
 *
 * @module
 */
import type { TeamAssignment } from "../../lib/model/types.ts";
import { type EditContext, failedIn, formFor, projectAction } from "./edit.ts";
import { Editable, type FieldSpec, HEALTH_OPTIONS, RowActions, WriteForm } from "./fields.tsx";
import { clampPercent } from "./format.ts";
import { ProgressBar, StatusDot, TableWrap } from "./ui.tsx";

const TEAM_FIELDS: readonly FieldSpec[] = [
  { name: "member", label: "Member", required: true, maxLength: 120 },
  { name: "status", label: "Status", kind: "select", options: HEALTH_OPTIONS },
  { name: "status_label", label: "Status label", maxLength: 60 },
  { name: "current_task", label: "Current task", wide: true, maxLength: 200 },
  { name: "progress", label: "Progress (%)", kind: "number", min: 0, max: 100 },
];

/**
 * The `#team` section.
 *
 * @example
 * ```tsx
 * <TeamSection team={dashboard.team} ctx={ctx} />
 * ```
 */
export function TeamSection(props: { team: TeamAssignment[]; ctx: EditContext }) {
  const { team, ctx } = props;
  return (
    <section id="team" class="card section" aria-labelledby="team-title">
      <h2 id="team-title">Team assignments</h2>
      <Editable
        ctx={ctx}
        id="team"
        label="Team assignments"
        failed={failedIn(ctx, ["team"])}
        editor={() => (
          <>
            {team.map((row, i) => (
              <RowEditor
                key={row.id}
                row={row}
                ctx={ctx}
                first={i === 0}
                last={i === team.length - 1}
              />
            ))}
            <AddRow ctx={ctx} />
          </>
        )}
      >
        {team.length === 0
          ? <p class="muted">Nobody is assigned yet.</p>
          : <TeamTableView team={team} />}
      </Editable>
    </section>
  );
}

function TeamTableView(props: { team: TeamAssignment[] }) {
  return (
    <TableWrap label="Team assignments">
      <table class="table table--stack">
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col">Status</th>
            <th scope="col">Current task</th>
            <th scope="col">Progress</th>
            <th scope="col">Tasks</th>
          </tr>
        </thead>
        <tbody>
          {props.team.map((row) => {
            const progress = clampPercent(row.progress);
            return (
              <tr key={row.id} data-member={row.member}>
                <th scope="row">{row.member}</th>
                <td data-label="Status">
                  <StatusDot health={row.status} label={row.statusLabel} />
                </td>
                <td data-label="Current task">{row.currentTask}</td>
                <td class="cell-progress" data-label="Progress">
                  <ProgressBar
                    value={progress}
                    max={100}
                    label={`${row.member}: progress`}
                    text={`${progress}%`}
                  />
                </td>
                <td data-label="Tasks" class="cell-tasks">
                  {row.taskCount === 0 ? "—" : `${row.doneCount} of ${row.taskCount} done`}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}

function rowValues(row: TeamAssignment): Record<string, string> {
  return {
    member: row.member,
    status: row.status,
    status_label: row.statusLabel,
    current_task: row.currentTask,
    progress: String(row.progress),
  };
}

function RowEditor(
  props: { row: TeamAssignment; ctx: EditContext; first: boolean; last: boolean },
) {
  const { row, ctx } = props;
  const { active, values, errors } = formFor(ctx, "team", row.id);
  const action = projectAction(ctx.projectId, "team", row.id);
  return (
    <fieldset class="editor">
      <legend>{row.member}</legend>
      <WriteForm
        action={action}
        id={`team-${row.id}`}
        fields={TEAM_FIELDS}
        values={active ? values : rowValues(row)}
        errors={errors}
        submitted={active}
        submit="Save row"
      />
      <RowActions action={action} target={row.member} first={props.first} last={props.last} />
    </fieldset>
  );
}

function AddRow(props: { ctx: EditContext }) {
  const { active, values, errors } = formFor(props.ctx, "team");
  return (
    <div class="editor">
      <h3 id="add-team-title">Add a team member</h3>
      <WriteForm
        action={projectAction(props.ctx.projectId, "team")}
        id="team-new"
        fields={TEAM_FIELDS}
        values={active ? values : { status: "red", status_label: "Not Started", progress: "0" }}
        errors={errors}
        submitted={active}
        submit="Add member"
        labelledBy="add-team-title"
      />
    </div>
  );
}
