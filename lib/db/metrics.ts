/**
 * Writing metrics: the executive summary's rows (group `summary`), performance and quality
 * metrics. Each group is its own ordered list. Only performance metrics have a baseline and
 * only summary and quality metrics a status label, as in the Markdown tables; a sign typed
 * before the target (`≥ 80%`) becomes the direction. Every function runs one transaction
 * through `inProject` and answers null when the metric is not in the tenant's project.
 *
 * @module
 */
import type { Db, Queryable } from "./connection.ts";
import type { Health, MetricDirection, MetricGroup } from "../model/types.ts";
import { splitTarget } from "../model/metric_status.ts";
import {
  deleteFromList,
  inProject,
  type Moved,
  type MoveDirection,
  moveInList,
  nextPosition,
  type OrderedList,
  plainText,
  type ProjectScope,
  requiredText,
} from "./project_writes.ts";

/**
 * A metric as a form sends it.
 *
 * @example
 * ```ts
 * import type { MetricInput } from "./metrics.ts";
 * const input: MetricInput = {
 *   group: "summary", name: "Team Readiness", baseline: "", current: "85%", target: "≥ 100%",
 *   direction: null, health: "yellow", statusLabel: "In Progress",
 * };
 * ```
 */
export interface MetricInput {
  group: MetricGroup;
  name: string;
  /** Kept for performance metrics only (the other tables have no baseline column). */
  baseline: string;
  current: string;
  /** E.g. "100%"; a leading `≥` or `≤` sets the direction. */
  target: string;
  direction: MetricDirection | null;
  /** The chosen colour, shown while the status is not computed. */
  health: Health;
  /** The chosen label; kept for summary and quality metrics only. */
  statusLabel: string;
}

function group(scope: ProjectScope, metricGroup: MetricGroup): OrderedList {
  return {
    table: "metrics",
    by: { project_id: scope.projectId, tenant_id: scope.tenantId, metric_group: metricGroup },
  };
}

/** The stored columns of a metric, in the order the statements below name them. */
function values(input: MetricInput): unknown[] {
  const { target, direction } = splitTarget(input.target, input.direction);
  return [
    requiredText(input.name, "a metric's name"),
    input.group === "performance" ? plainText(input.baseline) : "",
    plainText(input.current),
    plainText(target),
    direction,
    input.health,
    input.group === "performance" ? "" : plainText(input.statusLabel),
  ];
}

async function groupOf(
  tx: Queryable,
  scope: ProjectScope,
  metricId: string,
): Promise<MetricGroup | null> {
  const [row] = await tx.query<{ metric_group: MetricGroup }>(
    "SELECT metric_group FROM metrics WHERE id = $1 AND project_id = $2 AND tenant_id = $3",
    [metricId, scope.projectId, scope.tenantId],
  );
  return row?.metric_group ?? null;
}

/**
 * Adds a metric at the end of its group.
 *
 * @returns The new metric's id and position, or null when the project is not the tenant's.
 * @example
 * ```ts ignore
 * await addMetric(db, scope, {
 *   group: "quality", name: "Test Coverage", baseline: "", current: "40%", target: "≥ 80%",
 *   direction: null, health: "red", statusLabel: "",
 * }); // stored with target "80%" and direction "higher"
 * ```
 */
export async function addMetric(
  db: Db,
  scope: ProjectScope,
  input: MetricInput,
): Promise<{ id: string; position: number } | null> {
  const row = values(input);
  return await inProject(db, scope, async (tx) => {
    const position = await nextPosition(tx, group(scope, input.group));
    const [inserted] = await tx.query<{ id: string }>(
      `INSERT INTO metrics (tenant_id, project_id, metric_group, name, baseline, current, target,
         direction, health, status_label, position)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [scope.tenantId, scope.projectId, input.group, ...row, position],
    );
    return { id: inserted.id, position };
  });
}

/**
 * Edits every field of a metric. A metric moved to another group goes to that group's end.
 *
 * @returns The metric's id, or null when it is not in the tenant's project.
 * @example
 * ```ts ignore
 * await updateMetric(db, scope, metricId, { ...input, target: "≤ 2 s" });
 * ```
 */
export async function updateMetric(
  db: Db,
  scope: ProjectScope,
  metricId: string,
  input: MetricInput,
): Promise<{ id: string } | null> {
  const row = values(input);
  return await inProject(db, scope, async (tx) => {
    const before = await groupOf(tx, scope, metricId);
    if (before === null) return null;
    if (before !== input.group) await changeGroup(tx, scope, metricId, before, input.group);
    const rows = await tx.query<{ id: string }>(
      `UPDATE metrics SET name = $1, baseline = $2, current = $3, target = $4, direction = $5,
         health = $6, status_label = $7, updated_at = now()
       WHERE id = $8 AND project_id = $9 AND tenant_id = $10 RETURNING id`,
      [...row, metricId, scope.projectId, scope.tenantId],
    );
    return rows[0] ?? null;
  });
}

/** Moves a metric to the end of another group and closes the gap it leaves. */
async function changeGroup(
  tx: Queryable,
  scope: ProjectScope,
  metricId: string,
  from: MetricGroup,
  to: MetricGroup,
): Promise<void> {
  const position = await nextPosition(tx, group(scope, to));
  const [old] = await tx.query<{ position: number }>(
    `UPDATE metrics m SET metric_group = $1, position = $2 FROM metrics o
     WHERE m.id = $3 AND o.id = m.id RETURNING o.position`,
    [to, position, metricId],
  );
  await tx.query(
    `UPDATE metrics SET position = position - 1
     WHERE project_id = $1 AND tenant_id = $2 AND metric_group = $3 AND position > $4`,
    [scope.projectId, scope.tenantId, from, Number(old.position)],
  );
}

/**
 * Updates a metric's current value.
 *
 * @returns The metric's id and current value, or null when it is not in the tenant's project.
 * @example
 * ```ts ignore
 * await updateMetricCurrent(db, scope, metricId, "92%");
 * ```
 */
export async function updateMetricCurrent(
  db: Db,
  scope: ProjectScope,
  metricId: string,
  current: string,
): Promise<{ id: string; current: string } | null> {
  return await inProject(db, scope, async (tx) => {
    const rows = await tx.query<{ id: string; current: string }>(
      `UPDATE metrics SET current = $1, updated_at = now()
       WHERE id = $2 AND project_id = $3 AND tenant_id = $4 RETURNING id, current`,
      [plainText(current), metricId, scope.projectId, scope.tenantId],
    );
    return rows[0] ?? null;
  });
}

/**
 * Swaps a metric with the one before (`up`) or after (`down`) it in its group.
 *
 * @returns Where the metric is now, or null when it is not in the tenant's project.
 * @example
 * ```ts ignore
 * await moveMetric(db, scope, metricId, "down");
 * ```
 */
export async function moveMetric(
  db: Db,
  scope: ProjectScope,
  metricId: string,
  direction: MoveDirection,
): Promise<Moved | null> {
  return await inProject(db, scope, async (tx) => {
    const metricGroup = await groupOf(tx, scope, metricId);
    if (metricGroup === null) return null;
    return await moveInList(tx, group(scope, metricGroup), metricId, direction);
  });
}

/**
 * Deletes a metric; the metrics after it in its group move up.
 *
 * @returns The deleted metric's id, or null when it is not in the tenant's project.
 * @example
 * ```ts ignore
 * await deleteMetric(db, scope, metricId);
 * ```
 */
export async function deleteMetric(
  db: Db,
  scope: ProjectScope,
  metricId: string,
): Promise<{ id: string } | null> {
  return await inProject(db, scope, async (tx) => {
    const metricGroup = await groupOf(tx, scope, metricId);
    if (metricGroup === null) return null;
    return await deleteFromList(tx, group(scope, metricGroup), metricId);
  });
}
