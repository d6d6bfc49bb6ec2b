/**
 * The executive summary: the project's status line and its summary metrics.
 *
 * @module
 */
import type { Metric, ProjectDashboard } from "../../lib/model/types.ts";
import type { EditContext } from "./edit.ts";
import { formatDateTime } from "./format.ts";
import { MetricCurrent } from "./metrics.tsx";
import { StatusDot, TableWrap } from "./ui.tsx";

/**
 * The `#summary` section.
 *
 * @example
 * ```tsx
 * <SummarySection project={dashboard.project} metrics={dashboard.metrics} ctx={ctx} />
 * ```
 */
export function SummarySection(
  props: { project: ProjectDashboard["project"]; metrics: Metric[]; ctx: EditContext },
) {
  const { project } = props;
  const metrics = props.metrics.filter((m) => m.group === "summary");
  return (
    <section id="summary" class="card section" aria-labelledby="summary-title">
      <h2 id="summary-title">Executive summary</h2>
      <dl class="facts">
        <div>
          <dt>Overall status</dt>
          <dd>
            <StatusDot health={project.health} label={project.status} />
          </dd>
        </div>
        <div>
          <dt>Last updated</dt>
          <dd>
            <time datetime={project.updatedAt}>{formatDateTime(project.updatedAt)}</time>
          </dd>
        </div>
        {project.owner && (
          <div>
            <dt>Dashboard owner</dt>
            <dd>{project.owner}</dd>
          </div>
        )}
      </dl>
      {metrics.length === 0
        ? <p class="muted">No summary metrics yet.</p>
        : (
          <TableWrap label="Executive summary metrics">
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
                  <tr key={metric.id}>
                    <th scope="row">{metric.name}</th>
                    <td data-label="Target">{metric.target}</td>
                    <td data-label="Current">
                      <MetricCurrent metric={metric} ctx={props.ctx} />
                    </td>
                    <td data-label="Status">
                      <StatusDot health={metric.health} label={metric.statusLabel} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
    </section>
  );
}
