/**
 * Writing a phase's tasks: add one at the end of its phase, edit its title, note and assignee,
 * set its status, move it within its phase, delete it. Every function runs one transaction
 * through `inProject` and answers null when the task (or phase) is not in the tenant's project.
 *
 * @module
 */
import type { Db, Queryable } from "./connection.ts";
import type { TaskStatus } from "../model/types.ts";
import {
  deleteFromList,
  inProject,
  type Moved,
  type MoveDirection,
  moveInList,
  nextPosition,
  optionalText,
  type OrderedList,
  plainText,
  type ProjectScope,
  requiredText,
} from "./project_writes.ts";

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

function tasksOf(scope: ProjectScope, phaseId: string): OrderedList {
  return { table: "tasks", by: { phase_id: phaseId, tenant_id: scope.tenantId } };
}

async function phaseOfTask(
  tx: Queryable,
  scope: ProjectScope,
  taskId: string,
): Promise<string | null> {
  const [row] = await tx.query<{ phase_id: string }>(
    "SELECT phase_id FROM tasks WHERE id = $1 AND project_id = $2 AND tenant_id = $3",
    [taskId, scope.projectId, scope.tenantId],
  );
  return row?.phase_id ?? null;
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
  const title = requiredText(input.title, "a task's title");
  return await inProject(db, scope, async (tx) => {
    const phase = await tx.query(
      "SELECT 1 FROM phases WHERE id = $1 AND project_id = $2 AND tenant_id = $3",
      [phaseId, scope.projectId, scope.tenantId],
    );
    if (phase.length === 0) return null;
    const position = await nextPosition(tx, tasksOf(scope, phaseId));
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO tasks (tenant_id, project_id, phase_id, title, note, assignee, position)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        scope.tenantId,
        scope.projectId,
        phaseId,
        title,
        plainText(input.note),
        optionalText(input.assignee),
        position,
      ],
    );
    return { id: row.id, position };
  });
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
  const title = requiredText(input.title, "a task's title");
  return await inProject(db, scope, async (tx) => {
    const rows = await tx.query<{ id: string }>(
      `UPDATE tasks SET title = $1, note = $2, assignee = $3, updated_at = now()
       WHERE id = $4 AND project_id = $5 AND tenant_id = $6 RETURNING id`,
      [
        title,
        plainText(input.note),
        optionalText(input.assignee),
        taskId,
        scope.projectId,
        scope.tenantId,
      ],
    );
    return rows[0] ?? null;
  });
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
export async function setTaskStatus(
  db: Db,
  scope: ProjectScope,
  taskId: string,
  status: TaskStatus,
): Promise<{ id: string; status: TaskStatus } | null> {
  return await inProject(db, scope, async (tx) => {
    const rows = await tx.query<{ id: string; status: TaskStatus }>(
      `UPDATE tasks SET status = $1, updated_at = now()
       WHERE id = $2 AND project_id = $3 AND tenant_id = $4 RETURNING id, status`,
      [status, taskId, scope.projectId, scope.tenantId],
    );
    return rows[0] ?? null;
  });
}

/**
 * Swaps a task with the one before (`up`) or after (`down`) it in its phase.
 *
 * @returns Where the task is now, or null when it is not in the tenant's project.
 * @example
 * ```ts ignore
 * await moveTask(db, scope, taskId, "down");
 * ```
 */
export async function moveTask(
  db: Db,
  scope: ProjectScope,
  taskId: string,
  direction: MoveDirection,
): Promise<Moved | null> {
  return await inProject(db, scope, async (tx) => {
    const phaseId = await phaseOfTask(tx, scope, taskId);
    if (phaseId === null) return null;
    return await moveInList(tx, tasksOf(scope, phaseId), taskId, direction);
  });
}

/**
 * Deletes a task; the tasks after it in its phase move up.
 *
 * @returns The deleted task's id, or null when it is not in the tenant's project.
 * @example
 * ```ts ignore
 * await deleteTask(db, scope, taskId);
 * ```
 */
export async function deleteTask(
  db: Db,
  scope: ProjectScope,
  taskId: string,
): Promise<{ id: string } | null> {
  return await inProject(db, scope, async (tx) => {
    const phaseId = await phaseOfTask(tx, scope, taskId);
    if (phaseId === null) return null;
    return await deleteFromList(tx, tasksOf(scope, phaseId), taskId);
  });
}
