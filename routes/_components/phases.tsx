/**
 * Phase progress: each phase's status, progress bar and task checklist.
 *
 * @module
 */
import type { Health, Phase } from "../../lib/db/types.ts";
import { TaskStatus } from "../../islands/TaskStatus.tsx";
import type { EditContext } from "./edit.ts";
import { percent } from "./format.ts";
import { ProgressBar, StatusDot } from "./ui.tsx";

/**
 * A phase's status from its tasks: all done is "Complete" (green), any started is
 * "In progress" (yellow), none started (or no tasks) is "Not started" (red).
 *
 * @example
 * ```ts
 * phaseStatus(phase); // { health: "yellow", label: "In progress" }
 * ```
 */
export function phaseStatus(phase: Phase): { health: Health; label: string } {
  const tasks = phase.tasks;
  if (tasks.length > 0 && tasks.every((t) => t.status === "done")) {
    return { health: "green", label: "Complete" };
  }
  if (tasks.some((t) => t.status !== "todo")) return { health: "yellow", label: "In progress" };
  return { health: "red", label: "Not started" };
}

/**
 * The `#phases` section.
 *
 * @example
 * ```tsx
 * <PhasesSection phases={dashboard.phases} ctx={ctx} />
 * ```
 */
export function PhasesSection(props: { phases: Phase[]; ctx: EditContext }) {
  return (
    <section id="phases" class="card section" aria-labelledby="phases-title">
      <h2 id="phases-title">Phase progress</h2>
      {props.phases.length === 0 && <p class="muted">No phases planned yet.</p>}
      <div class="phase-list">
        {props.phases.map((phase, index) => (
          <PhaseBlock key={phase.id} phase={phase} index={index} ctx={props.ctx} />
        ))}
      </div>
    </section>
  );
}

function PhaseBlock(props: { phase: Phase; index: number; ctx: EditContext }) {
  const { phase, ctx } = props;
  const status = phaseStatus(phase);
  const done = phase.tasks.filter((t) => t.status === "done").length;
  const total = phase.tasks.length;
  const titleId = `phase-${phase.id}-title`;
  const name = /^phase\s+\d+/i.test(phase.name)
    ? phase.name
    : `Phase ${props.index}: ${phase.name}`;
  return (
    <article class={`phase phase--${status.health}`} aria-labelledby={titleId}>
      <header class="phase__header">
        <h3 id={titleId}>
          {name}
          {phase.timeframe && <span class="phase__timeframe">({phase.timeframe})</span>}
        </h3>
        <StatusDot health={status.health} label={status.label} />
      </header>
      <ProgressBar
        value={done}
        max={total}
        label={`${name}: tasks done`}
        text={`${done} of ${total} tasks done (${percent(done, total)}%)`}
      />
      <ul class="task-list" role="list">
        {phase.tasks.map((task) => (
          <li key={task.id} class={`task task--${task.status}`}>
            <TaskStatus
              projectId={ctx.projectId}
              taskId={task.id}
              title={task.title}
              status={task.status}
              canEdit={ctx.canEdit}
            />
            <span class="task__text">
              <span class="task__title">{task.title}</span>
              {task.note && <span class="task__note">({task.note})</span>}
              {task.assignee && <span class="task__assignee">{task.assignee}</span>}
            </span>
          </li>
        ))}
      </ul>
    </article>
  );
}
