/**
 * Phase progress: each phase's status, progress bar and task checklist (the status follows from
 * its tasks), and the editors of phases and their tasks: add, rename, reorder, remove, assign.
 *
 * @module
 */
import type { Phase, Task } from "../../lib/model/types.ts";
import { phaseStatusOf } from "../../lib/model/progress.ts";
import { TaskStatus } from "../TaskStatus.tsx";
import { type EditContext, failedIn, formFor, projectAction } from "./edit.ts";
import { Editable, type FieldSpec, RowActions, WriteForm } from "./fields.tsx";
import { percent } from "./format.ts";
import { ProgressBar, StatusDot } from "./ui.tsx";

const PHASE_FIELDS: readonly FieldSpec[] = [
  { name: "title", label: "Phase", required: true, maxLength: 200 },
  { name: "timeframe", label: "Timeframe (e.g. Week 1)", maxLength: 120 },
];

const TASK_FIELDS: readonly FieldSpec[] = [
  { name: "title", label: "Task", required: true, wide: true, maxLength: 300 },
  { name: "note", label: "Note", maxLength: 300 },
  { name: "assignee", label: "Assignee (a team member's name)", maxLength: 120 },
];

/**
 * A phase's name as the plan shows it: "Phase N: Title" unless the title says so already.
 *
 * @example
 * ```ts
 * phaseName({ name: "Foundation" }, 0); // "Phase 0: Foundation"
 * ```
 */
export function phaseName(phase: Pick<Phase, "name">, index: number): string {
  return /^phase\s+\d+/i.test(phase.name) ? phase.name : `Phase ${index}: ${phase.name}`;
}

/** Properties of {@linkcode PhaseBlock}. */
export interface PhaseBlockProps {
  phase: Phase;
  index: number;
  ctx: EditContext;
  /** The dashboard's API path, so task controls change the live store. */
  resource?: string;
  first: boolean;
  last: boolean;
}

/**
 * One phase: header, progress bar, task checklist and, for editors, its editor.
 *
 * @example
 * ```tsx
 * <PhaseBlock phase={phase} index={0} ctx={ctx} first last />
 * ```
 */
export function PhaseBlock(props: PhaseBlockProps) {
  const { phase, ctx } = props;
  // From the tasks as held, so an optimistic status change shows in the header at once.
  const status = phaseStatusOf(phase.tasks);
  const done = phase.tasks.filter((task) => task.status === "done").length;
  const total = phase.tasks.length;
  const titleId = `phase-${phase.id}-title`;
  const name = phaseName(phase, props.index);
  return (
    <article
      class={`phase phase--${status.health} section`}
      id={`phase-${phase.id}`}
      aria-labelledby={titleId}
    >
      <header class="phase__header">
        <h3 id={titleId}>
          {name}
          {phase.timeframe && <span class="phase__timeframe">({phase.timeframe})</span>}
        </h3>
        <StatusDot health={status.health} label={status.label} />
      </header>
      <Editable
        ctx={ctx}
        id={`phase-${phase.id}`}
        label={name}
        failed={failedIn(ctx, ["phase", "task"]) && owns(ctx, phase)}
        editor={() => <PhaseEditor {...props} />}
      >
        <ProgressBar
          value={done}
          max={total}
          label={`${name}: tasks done`}
          text={`${done} of ${total} tasks done (${percent(done, total)}%)`}
        />
        <ul class="task-list" role="list">
          {phase.tasks.map((task) => (
            <li key={task.id} id={`task-${task.id}`} class={`task task--${task.status}`}>
              <TaskStatus
                projectId={ctx.projectId}
                taskId={task.id}
                title={task.title}
                status={task.status}
                canEdit={ctx.canEdit}
                resource={props.resource}
              />
              <span class="task__text">
                <span class="task__title">{task.title}</span>
                {task.note && <span class="task__note">({task.note})</span>}
                {task.assignee && <span class="task__assignee">{task.assignee}</span>}
              </span>
            </li>
          ))}
        </ul>
      </Editable>
    </article>
  );
}

/** Whether the failed form edits this phase or one of its tasks. */
function owns(ctx: EditContext, phase: Phase): boolean {
  const id = ctx.form?.id;
  return id === phase.id || id === `new:${phase.id}` || phase.tasks.some((task) => task.id === id);
}

function PhaseEditor(props: PhaseBlockProps) {
  const { phase, ctx } = props;
  const edit = formFor(ctx, "phase", phase.id);
  const add = formFor(ctx, "task", `new:${phase.id}`);
  const action = projectAction(ctx.projectId, "phases", phase.id);
  const name = phaseName(phase, props.index);
  return (
    <div class="stack">
      <WriteForm
        action={action}
        id={`phase-${phase.id}-edit`}
        fields={PHASE_FIELDS}
        values={edit.active ? edit.values : { title: phase.name, timeframe: phase.timeframe }}
        errors={edit.errors}
        submitted={edit.active}
        submit="Save phase"
      />
      <RowActions action={action} target={name} first={props.first} last={props.last} />
      {phase.tasks.map((task, i) => (
        <TaskEditor
          key={task.id}
          task={task}
          ctx={ctx}
          first={i === 0}
          last={i === phase.tasks.length - 1}
        />
      ))}
      <div class="editor">
        <h4 id={`phase-${phase.id}-add-task`}>Add a task to {name}</h4>
        <WriteForm
          action={`${action}/tasks`}
          id={`phase-${phase.id}-task-new`}
          fields={TASK_FIELDS}
          values={add.values}
          errors={add.errors}
          submitted={add.active}
          submit="Add task"
          labelledBy={`phase-${phase.id}-add-task`}
        />
      </div>
    </div>
  );
}

function TaskEditor(props: { task: Task; ctx: EditContext; first: boolean; last: boolean }) {
  const { task, ctx } = props;
  const { active, values, errors } = formFor(ctx, "task", task.id);
  const action = projectAction(ctx.projectId, "tasks", task.id);
  return (
    <fieldset class="editor">
      <legend>{task.title}</legend>
      <WriteForm
        action={`${action}/edit`}
        id={`task-${task.id}-edit`}
        fields={TASK_FIELDS}
        values={active
          ? values
          : { title: task.title, note: task.note, assignee: task.assignee ?? "" }}
        errors={errors}
        submitted={active}
        submit="Save task"
      />
      <RowActions action={action} target={task.title} first={props.first} last={props.last} />
    </fieldset>
  );
}

/**
 * The form that adds a phase at the end of the plan.
 *
 * @example
 * ```tsx
 * <AddPhase ctx={ctx} />
 * ```
 */
export function AddPhase(props: { ctx: EditContext }) {
  const { active, values, errors } = formFor(props.ctx, "phase");
  return (
    <div class="editor">
      <h3 id="add-phase-title">Add a phase</h3>
      <WriteForm
        action={projectAction(props.ctx.projectId, "phases")}
        id="phase-new"
        fields={PHASE_FIELDS}
        values={values}
        errors={errors}
        submitted={active}
        submit="Add phase"
        labelledBy="add-phase-title"
      />
    </div>
  );
}
