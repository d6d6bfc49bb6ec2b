/**
 * Phase progress: a phase's status, progress bar and task checklist.
 *
 * @module
 */
import type { Health, Phase } from "../../lib/model/types.ts";
import { TaskStatus } from "../TaskStatus.tsx";
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

/** A phase's done and total task counts with its status: what its header and bar show. */
export interface PhaseProgress {
  done: number;
  total: number;
  health: Health;
  label: string;
}

/**
 * Counts a phase's tasks.
 *
 * @example
 * ```ts
 * phaseProgress(phase); // { done: 3, total: 5, health: "yellow", label: "In progress" }
 * ```
 */
export function phaseProgress(phase: Phase): PhaseProgress {
  const done = phase.tasks.filter((t) => t.status === "done").length;
  return { done, total: phase.tasks.length, ...phaseStatus(phase) };
}

/**
 * One phase: header, progress bar and task checklist (the `PhaseCard` island renders it).
 * `resource` is the dashboard's API path, so task controls change the live store.
 *
 * @example
 * ```tsx
 * <PhaseBlock phase={phase} progress={phaseProgress(phase)} index={0} ctx={ctx} />
 * ```
 */
export function PhaseBlock(
  props: {
    phase: Phase;
    progress: PhaseProgress;
    index: number;
    ctx: EditContext;
    resource?: string;
  },
) {
  const { phase, ctx, progress } = props;
  const status = { health: progress.health, label: progress.label };
  const { done, total } = progress;
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
    </article>
  );
}
