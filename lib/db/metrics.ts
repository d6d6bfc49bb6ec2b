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
  inProject,
  nextPosition,
  plainText,
  type ProjectScope,
  requiredText,
} from "./project_writes.ts";
import {
  type Columns,
  type Section,
  sectionList,
  type SectionWrites,
  sectionWrites,
  updateRow,
} from "./section_writes.ts";

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

const METRICS: Section = { table: "metrics", listedBy: "metric_group", stamped: true };
const metrics: SectionWrites = sectionWrites(METRICS);

/** The stored columns of a metric but its group. */
function columns(input: MetricInput): Columns {
  const { target, direction } = splitTarget(input.target, input.direction);
  return {
    name: requiredText(input.name, "a metric's name"),
    baseline: input.group === "performance" ? plainText(input.baseline) : "",
    current: plainText(input.current),
    target: plainText(target),
    direction,
    health: input.health,
    status_label: input.group === "performance" ? "" : plainText(input.statusLabel),
  };
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
  return await metrics.append(db, scope, { metric_group: input.group, ...columns(input) });
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
  const metric = columns(input);
  return await inProject(db, scope, async (tx) => {
    const [row] = await tx.query<{ metric_group: MetricGroup }>(
      "SELECT metric_group FROM metrics WHERE id = $1 AND project_id = $2 AND tenant_id = $3",
      [metricId, scope.projectId, scope.tenantId],
    );
    if (row === undefined) return null;
    if (row.metric_group !== input.group) {
      await changeGroup(tx, scope, metricId, row.metric_group, input.group);
    }
    return await updateRow(tx, METRICS, scope, metricId, metric);
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
  const position = await nextPosition(tx, sectionList(METRICS, scope, to));
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
  const clean = plainText(current);
  const metric = await metrics.update(db, scope, metricId, { current: clean });
  return metric && { id: metric.id, current: clean };
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
export const moveMetric: SectionWrites["move"] = metrics.move;

/**
 * Deletes a metric; the metrics after it in its group move up.
 *
 * @returns The deleted metric's id, or null when it is not in the tenant's project.
 * @example
 * ```ts ignore
 * await deleteMetric(db, scope, metricId);
 * ```
 */
export const deleteMetric: SectionWrites["remove"] = metrics.remove;
