/**
 * Key metrics: the performance and quality tables, and the inline form that updates a
 * metric's current value.
 *
 * @module
 */
import type { Metric } from "../../lib/model/types.ts";
import { type EditContext, formFor, projectAction } from "./edit.ts";
import { fieldAria, FieldError, FormAlert, StatusDot, TableWrap } from "./ui.tsx";

/**
 * A metric's current value; for editors, an inline form posting `current` to
 * `/projects/{id}/metrics/{metricId}`.
 *
 * @example
 * ```tsx
 * <MetricCurrent metric={metric} ctx={ctx} />
 * ```
 */
export function MetricCurrent(props: { metric: Metric; ctx: EditContext }) {
  const { metric, ctx } = props;
  if (!ctx.canEdit) {
    return <span class="metric-value">{withUnit(metric.current, metric.unit)}</span>;
  }
  const { active, values, errors } = formFor(ctx, "metric", metric.id);
  const id = `metric-${metric.id}-current`;
  return (
    <form
      data-submitted={active ? "" : undefined}
      method="post"
      action={projectAction(ctx.projectId, "metrics", metric.id)}
      class="inline-form"
    >
      <label for={id} class="visually-hidden">Current value of {metric.name}</label>
      <input
        id={id}
        name="current"
        type="text"
        size={8}
        maxLength={64}
        required
        value={values.current ?? metric.current}
        {...fieldAria(id, errors.current)}
      />
      {metric.unit && <span class="unit">{metric.unit}</span>}
      <button type="submit" class="button button--small">Save</button>
      <FieldError id={`${id}-error`} message={errors.current} />
      <FormAlert errors={errors} fields={["current"]} />
    </form>
  );
}

/** Appends the unit to a plain number ("120" + "ms"), leaving texts like "85%" alone. */
function withUnit(value: string, unit: string): string {
  return unit && /^-?\d+(\.\d+)?$/.test(value.trim()) ? `${value} ${unit}` : value;
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
  const performance = props.metrics.filter((m) => m.group === "performance");
  const quality = props.metrics.filter((m) => m.group === "quality");
  return (
    <section id="metrics" class="card section" aria-labelledby="metrics-title">
      <h2 id="metrics-title">Key metrics</h2>
      <h3 id="metrics-performance">Performance metrics</h3>
      <MetricTable metrics={performance} ctx={props.ctx} baseline label="Performance metrics" />
      <h3 id="metrics-quality">Quality metrics</h3>
      <MetricTable metrics={quality} ctx={props.ctx} label="Quality metrics" />
    </section>
  );
}

function MetricTable(
  props: { metrics: Metric[]; ctx: EditContext; baseline?: boolean; label: string },
) {
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
            <tr key={metric.id}>
              <th scope="row">{metric.name}</th>
              {props.baseline && (
                <td data-label="Baseline">{withUnit(metric.baseline, metric.unit)}</td>
              )}
              <td data-label="Current">
                <MetricCurrent metric={metric} ctx={props.ctx} />
              </td>
              <td data-label="Target">{withUnit(metric.target, metric.unit)}</td>
              <td data-label="Status">
                <StatusDot health={metric.health} label={metric.statusLabel} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
