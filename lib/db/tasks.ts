/**
 * Writing a phase's tasks: add one at the end of its phase, edit its title, note and assignee,
 * set its status, move it within its phase, delete it. Every function runs one transaction
 * through `inProject` and answers null when the task (or phase) is not in the tenant's project.
 *
 * @module
 */
import type { Db } from "./connection.ts";
import type { TaskStatus } from "../model/types.ts";
import {
  inProject,
  optionalText,
  plainText,
  type ProjectScope,
  requiredText,
} from "./project_writes.ts";
import {
  appendRow,
  type Columns,
  type ColumnSetter,
  columnSetter,
  type Section,
  type SectionWrites,
  sectionWrites,
} from "./section_writes.ts";

/**
 * A task as a form sends it.
 *
 * @example
 * ```ts
 * import type { TaskInput } from "./tasks.ts";
 * const task: TaskInput = { title: "Deploy", note: "after review", assignee: "Grace Hopper" };
 * ```
 */
export interface TaskInput {
  title: string;
  /** Free text shown after the title; may be empty. */
  note: string;
  /** A member's name (usually one of the team table), or empty / null for nobody. */
  assignee: string | null;
}

const TASKS: Section = { table: "tasks", listedBy: "phase_id", parent: "phases", stamped: true };
const tasks: SectionWrites = sectionWrites(TASKS);

function columns(input: TaskInput): Columns {
  return {
    title: requiredText(input.title, "a task's title"),
    note: plainText(input.note),
    assignee: optionalText(input.assignee),
  };
}

/**
 * Adds a task, to do, after the last task of a phase.
 *
 * @returns The new task's id and position, or null when the phase is not in the project.
 * @example
 * ```ts ignore
 * await addTask(db, scope, phaseId, { title: "Deploy", note: "", assignee: "nextjs-ui-architect" });
 * ```
 */
export async function addTask(
  db: Db,
  scope: ProjectScope,
  phaseId: string,
  input: TaskInput,
): Promise<{ id: string; position: number } | null> {
  const task = columns(input);
  return await inProject(
    db,
    scope,
    (tx) => appendRow(tx, TASKS, scope, { phase_id: phaseId, ...task }),
  );
}

/**
 * Edits a task's title, note and assignee.
 *
 * @returns The task's id, or null when it is not in the tenant's project.
 * @example
 * ```ts ignore
 * await updateTask(db, scope, taskId, { title: "Deploy", note: "after review", assignee: null });
 * ```
 */
export async function updateTask(
  db: Db,
  scope: ProjectScope,
  taskId: string,
  input: TaskInput,
): Promise<{ id: string } | null> {
  return await tasks.update(db, scope, taskId, columns(input));
}

/**
 * Sets a task's status.
 *
 * @returns The task's id and status, or null when it is not in the tenant's project.
 * @example
 * ```ts ignore
 * await setTaskStatus(db, scope, taskId, "doing");
 * ```
 */
export const setTaskStatus: ColumnSetter<"status", TaskStatus> = columnSetter(TASKS, "status");

/**
 * Swaps a task with the one before (`up`) or after (`down`) it in its phase.
 *
 * @returns Where the task is now, or null when it is not in the tenant's project.
 * @example
 * ```ts ignore
 * await moveTask(db, scope, taskId, "down");
 * ```
 */
export const moveTask: SectionWrites["move"] = tasks.move;

/**
 * Deletes a task; the tasks after it in its phase move up.
 *
 * @returns The deleted task's id, or null when it is not in the tenant's project.
 * @example
 * ```ts ignore
 * await deleteTask(db, scope, taskId);
 * ```
 */
export const deleteTask: SectionWrites["remove"] = tasks.remove;
