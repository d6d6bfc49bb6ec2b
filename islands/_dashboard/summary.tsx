/**
 * The executive summary: the rows a reader checks first (timeline, readiness, phases done,
 * blockers…), each with its target, current value and status, and their editor.
 *
 * @module
 */
import type { Metric } from "../../lib/model/types.ts";
import type { EditContext } from "./edit.ts";
import { Editable } from "./fields.tsx";
import { MetricEditors, metricFailed, targetText } from "./metrics.tsx";
import { StatusDot, TableWrap } from "./ui.tsx";

/**
 * The `#summary` section.
 *
 * @example
 * ```tsx
 * <SummarySection metrics={summaryRows} ctx={ctx} />
 * ```
 */
export function SummarySection(props: { metrics: Metric[]; ctx: EditContext }) {
  const { metrics, ctx } = props;
  return (
    <section id="summary" class="card section" aria-labelledby="summary-title">
      <h2 id="summary-title">Executive summary</h2>
      <Editable
        ctx={ctx}
        id="summary"
        label="Executive summary"
        failed={metricFailed(ctx, metrics, ["summary"])}
        editor={() => (
          <>
            <MetricEditors metrics={metrics} group="summary" ctx={ctx} />
          </>
        )}
      >
        {metrics.length === 0
          ? <p class="muted">No summary rows yet.</p>
          : (
            <TableWrap label="Executive summary">
              <table class="table table--stack">
                <thead>
                  <tr>
                    <th scope="col">Metric</th>
                    <th scope="col">Target</th>
                    <th scope="col">Current</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {metrics.map((metric) => (
                    <tr key={metric.id} id={`metric-${metric.id}`} data-metric={metric.name}>
                      <th scope="row">{metric.name}</th>
                      <td data-label="Target">{targetText(metric)}</td>
                      <td data-label="Current" class="metric-value">{metric.current}</td>
                      <td data-label="Status">
                        <StatusDot health={metric.health} label={metric.statusLabel} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
      </Editable>
    </section>
  );
}
