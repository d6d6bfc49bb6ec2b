/**
 * What a dashboard's tasks say: how far the project is, each phase's status, and how many tasks
 * each team member holds. Pure; the page and the Markdown export both read the results through
 * `resolveDashboard`.
 *
 * @module
 */
import type { Progress, ShownStatus, TaskStatus } from "./types.ts";

/**
 * Done tasks out of all tasks, with the rounded percent (0 when there are no tasks).
 *
 * @param tasks Any tasks, e.g. every task of a project.
 * @example
 * ```ts
 * import { progressOf } from "./progress.ts";
 * console.log(progressOf([{ status: "done" }, { status: "doing" }, { status: "todo" }]));
 * // { done: 1, total: 3, percent: 33 }
 * ```
 */
export function progressOf(tasks: readonly { status: TaskStatus }[]): Progress {
  const done = tasks.filter((task) => task.status === "done").length;
  return { done, total: tasks.length, percent: percentOf(done, tasks.length) };
}

/**
 * `done` in percent of `total`, rounded; 0 when `total` is 0.
 *
 * @example
 * ```ts
 * import { percentOf } from "./progress.ts";
 * console.log(percentOf(16, 26), percentOf(0, 0)); // 62 0
 * ```
 */
export function percentOf(done: number, total: number): number {
  return total === 0 ? 0 : Math.round((done * 100) / total);
}

/**
 * A phase's status from its tasks, as the Markdown format writes it: all done is green
 * "COMPLETE" (bold), some done or any in progress yellow "In Progress", none started (or no
 * tasks) red "Not Started".
 *
 * @param tasks The phase's tasks.
 * @example
 * ```ts
 * import { phaseStatusOf } from "./progress.ts";
 * console.log(phaseStatusOf([{ status: "done" }, { status: "done" }]));
 * // { health: "green", label: "COMPLETE", strong: true }
 * console.log(phaseStatusOf([{ status: "doing" }]).label); // "In Progress"
 * ```
 */
export function phaseStatusOf(tasks: readonly { status: TaskStatus }[]): ShownStatus {
  const done = tasks.filter((task) => task.status === "done").length;
  if (done > 0 && done === tasks.length) {
    return { health: "green", label: "COMPLETE", strong: true };
  }
  if (done > 0 || tasks.some((task) => task.status === "doing")) {
    return { health: "yellow", label: "In Progress", strong: false };
  }
  return { health: "red", label: "Not Started", strong: false };
}

/**
 * The tasks assigned to a team member and how many of them are done. A task counts when its
 * assignee equals the member's name, ignoring case and surrounding spaces.
 *
 * @param member The team row's member name.
 * @param tasks Every task of the project.
 * @example
 * ```ts
 * import { memberTaskCounts } from "./progress.ts";
 * const tasks = [
 *   { assignee: "Ada ", status: "done" as const },
 *   { assignee: "ada", status: "todo" as const },
 *   { assignee: null, status: "done" as const },
 * ];
 * console.log(memberTaskCounts("ADA", tasks)); // { taskCount: 2, doneCount: 1 }
 * ```
 */
export function memberTaskCounts(
  member: string,
  tasks: readonly { assignee: string | null; status: TaskStatus }[],
): { taskCount: number; doneCount: number } {
  const name = nameKey(member);
  const mine = tasks.filter((task) => task.assignee !== null && nameKey(task.assignee) === name);
  return { taskCount: mine.length, doneCount: mine.filter((t) => t.status === "done").length };
}

function nameKey(name: string): string {
  return name.trim().toLowerCase();
}
