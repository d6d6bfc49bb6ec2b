/**
 * Metric tables — the executive summary's rows and the performance and quality metrics — and
 * their editors. A metric with a numeric target and a direction gets its status from its
 * current value; the others keep the status chosen for them.
 *
 * @module
 */
import type { Metric, MetricGroup } from "../../lib/model/types.ts";
import { type EditContext, formFor, projectAction } from "./edit.ts";
import { Editable, type FieldSpec, HEALTH_OPTIONS, RowActions, WriteForm } from "./fields.tsx";
import { StatusDot, TableWrap } from "./ui.tsx";

const DIRECTIONS = [["", "No direction (choose the status)"], ["higher", "Higher is better"], [
  "lower",
  "Lower is better",
]] as const;

function metricFields(group: MetricGroup): FieldSpec[] {
  return [
    { name: "name", label: "Metric", required: true, maxLength: 120 },
    ...(group === "performance"
      ? [{ name: "baseline", label: "Baseline", maxLength: 40 } as FieldSpec]
      : []),
    { name: "current", label: "Current", maxLength: 40 },
    { name: "target", label: "Target", maxLength: 40, hint: "A number or percent to compute" },
    { name: "direction", label: "Direction", kind: "select", options: DIRECTIONS },
    { name: "health", label: "Status", kind: "select", options: HEALTH_OPTIONS },
    { name: "status_label", label: "Status label", maxLength: 60 },
  ];
}

/**
 * A metric's target as the tables show it: with `≥` or `≤` when it has a direction.
 *
 * @example
 * ```ts
 * targetText({ target: "80%", direction: "higher" }); // "≥ 80%"
 * ```
 */
export function targetText(metric: Pick<Metric, "target" | "direction">): string {
  if (!metric.target || !metric.direction) return metric.target;
  return `${metric.direction === "higher" ? "≥" : "≤"} ${metric.target}`;
}

/**
 * The `#metrics` section: performance and quality metrics.
 *
 * @example
 * ```tsx
 * <MetricsSection metrics={dashboard.metrics} ctx={ctx} />
 * ```
 */
export function MetricsSection(props: { metrics: Metric[]; ctx: EditContext }) {
  const { ctx } = props;
  const performance = props.metrics.filter((m) => m.group === "performance");
  const quality = props.metrics.filter((m) => m.group === "quality");
  return (
    <section id="metrics" class="card section" aria-labelledby="metrics-title">
      <h2 id="metrics-title">Key metrics</h2>
      <Editable
        ctx={ctx}
        id="metrics"
        label="Key metrics"
        failed={metricFailed(ctx, props.metrics, ["performance", "quality"])}
        editor={() => (
          <>
            <MetricEditors metrics={performance} group="performance" ctx={ctx} />
            <MetricEditors metrics={quality} group="quality" ctx={ctx} />
          </>
        )}
      >
        <h3 id="metrics-performance">Performance metrics</h3>
        <MetricTable metrics={performance} baseline label="Performance metrics" />
        <h3 id="metrics-quality">Quality metrics</h3>
        <MetricTable metrics={quality} label="Quality metrics" />
      </Editable>
    </section>
  );
}

/**
 * The form kind of a group's metric forms: the summary's rows fail as `summary`, the others as
 * `metric`, so the right section opens. A form that adds one has the id `new:<group>`.
 *
 * @example
 * ```ts
 * metricFormKind("summary"); // "summary"
 * ```
 */
export function metricFormKind(group: MetricGroup): "summary" | "metric" {
  return group === "summary" ? "summary" : "metric";
}

/**
 * Whether the form that failed is one of these metrics' or their groups' add form (the
 * section's editor opens). The contract's `current`-only form fails as "metric" in any group.
 *
 * @example
 * ```ts
 * metricFailed({ projectId: "p1", canEdit: true }, [], ["summary"]); // false
 * ```
 */
export function metricFailed(
  ctx: EditContext,
  metrics: readonly Metric[],
  groups: readonly MetricGroup[],
): boolean {
  const form = ctx.form;
  if (form?.form !== "metric" && form?.form !== "summary") return false;
  const id = form.id ?? "";
  return metrics.some((m) => m.id === id && groups.includes(m.group)) ||
    groups.some((group) => id === `new:${group}`);
}

/**
 * A table of metrics: name, (baseline,) current, target and status.
 *
 * @example
 * ```tsx
 * <MetricTable metrics={quality} label="Quality metrics" />
 * ```
 */
export function MetricTable(props: { metrics: Metric[]; baseline?: boolean; label: string }) {
  if (props.metrics.length === 0) return <p class="muted">None tracked yet.</p>;
  return (
    <TableWrap label={props.label}>
      <table class="table table--stack">
        <thead>
          <tr>
            <th scope="col">Metric</th>
            {props.baseline && <th scope="col">Baseline</th>}
            <th scope="col">Current</th>
            <th scope="col">Target</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {props.metrics.map((metric) => (
            <tr key={metric.id} id={`metric-${metric.id}`}>
              <th scope="row">{metric.name}</th>
              {props.baseline && (
                <td data-label="Baseline">{withUnit(metric.baseline, metric.unit)}</td>
              )}
              <td data-label="Current" class="metric-value">
                {withUnit(metric.current, metric.unit)}
              </td>
              <td data-label="Target">{withUnit(targetText(metric), metric.unit)}</td>
              <td data-label="Status">
                <StatusDot health={metric.health} label={metric.statusLabel} />
                {metric.computed && <span class="visually-hidden">(from the values)</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/**
 * The editors of one group's metrics, and a form to add one.
 *
 * @example
 * ```tsx
 * <MetricEditors metrics={quality} group="quality" ctx={ctx} />
 * ```
 */
export function MetricEditors(props: { metrics: Metric[]; group: MetricGroup; ctx: EditContext }) {
  const { metrics, group, ctx } = props;
  const title = {
    summary: "Summary rows",
    performance: "Performance metrics",
    quality: "Quality metrics",
  }[group];
  return (
    <div class="stack">
      <h3>{title}</h3>
      {metrics.map((metric, i) => (
        <MetricEditor
          key={metric.id}
          metric={metric}
          ctx={ctx}
          first={i === 0}
          last={i === metrics.length - 1}
        />
      ))}
      <AddMetric group={group} ctx={ctx} />
    </div>
  );
}

function metricValues(metric: Metric): Record<string, string> {
  return {
    group: metric.group,
    name: metric.name,
    baseline: metric.baseline,
    current: metric.current,
    target: metric.target,
    direction: metric.direction ?? "",
    health: metric.health,
    status_label: metric.statusLabel,
  };
}

function MetricEditor(props: { metric: Metric; ctx: EditContext; first: boolean; last: boolean }) {
  const { metric, ctx } = props;
  // `POST /projects/:id/metrics/:metricId` (`current` alone) fails as "metric" in any group.
  const kind = ctx.form?.form === "metric" && ctx.form.id === metric.id
    ? "metric"
    : metricFormKind(metric.group);
  const { active, values, errors } = formFor(ctx, kind, metric.id);
  const action = projectAction(ctx.projectId, "metrics", metric.id);
  return (
    <fieldset class="editor">
      <legend>{metric.name}</legend>
      {metric.computed === "blockers" && (
        <p class="hint">Its current value and status follow the open blockers.</p>
      )}
      <WriteForm
        action={`${action}/edit`}
        id={`metric-${metric.id}`}
        fields={[{ name: "group", label: "", kind: "hidden" }, ...metricFields(metric.group)]}
        values={active ? { ...metricValues(metric), ...values } : metricValues(metric)}
        errors={errors}
        submitted={active}
        submit="Save metric"
      />
      <RowActions action={action} target={metric.name} first={props.first} last={props.last} />
    </fieldset>
  );
}

function AddMetric(props: { group: MetricGroup; ctx: EditContext }) {
  const { active, values, errors } = formFor(
    props.ctx,
    metricFormKind(props.group),
    `new:${props.group}`,
  );
  const id = `metric-new-${props.group}`;
  return (
    <div class="editor">
      <h4 id={`${id}-title`}>Add a metric</h4>
      <WriteForm
        action={projectAction(props.ctx.projectId, "metrics")}
        id={id}
        fields={[{ name: "group", label: "", kind: "hidden" }, ...metricFields(props.group)]}
        values={active ? values : { group: props.group, health: "yellow" }}
        errors={errors}
        submitted={active}
        submit="Add metric"
        labelledBy={`${id}-title`}
      />
    </div>
  );
}

/** Appends the unit unless the value already carries it or is not a measurement. */
function withUnit(value: string, unit: string): string {
  if (!unit || !value || value.endsWith(unit) || !/\d/.test(value)) return value;
  return `${value} ${unit}`;
}
