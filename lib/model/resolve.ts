/**
 * The one place where a stored dashboard becomes the dashboard shown: the loader applies it, so
 * the page, the JSON API and the Markdown export all see the same statuses and counts.
 *
 * @module
 */
import type { DashboardData, ProjectDashboard } from "./types.ts";
import { shownLogTime } from "./labels.ts";
import { metricStatus } from "./metric_status.ts";
import { memberTaskCounts, phaseStatusOf, progressOf } from "./progress.ts";

/**
 * Adds to a stored dashboard what follows from it:
 *
 * - `progress`: all tasks, done of total;
 * - each phase's `status` from its tasks (`phaseStatusOf`);
 * - each team row's `taskCount` and `doneCount` (tasks assigned to its member by name);
 * - each metric's shown status (`metricStatus`): computed from its numbers when it has a
 *   numeric target and a direction, from the open blockers for the summary row "Blockers",
 *   and otherwise as chosen;
 * - each log entry's shown `day` and `time` (as written, or from `at` in UTC).
 *
 * Applying it to an already resolved dashboard gives the same dashboard.
 *
 * @param data The dashboard as stored.
 * @returns The dashboard as shown.
 * @example
 * ```ts
 * import { resolveDashboard } from "./resolve.ts";
 * import type { DashboardData } from "./types.ts";
 * declare const data: DashboardData;
 * const shown = resolveDashboard(data);
 * console.log(`${shown.progress.percent}% done`);
 * ```
 */
export function resolveDashboard(data: DashboardData): ProjectDashboard {
  const tasks = data.phases.flatMap((phase) => phase.tasks);
  const openBlockers = data.blockers.filter((blocker) => blocker.resolvedAt === null).length;
  return {
    ...data,
    progress: progressOf(tasks),
    phases: data.phases.map((phase) => ({ ...phase, status: phaseStatusOf(phase.tasks) })),
    team: data.team.map((row) => ({ ...row, ...memberTaskCounts(row.member, tasks) })),
    metrics: data.metrics.map((metric) => ({ ...metric, ...metricStatus(metric, openBlockers) })),
    log: data.log.map((entry) => ({ ...entry, ...shownLogTime(entry) })),
  };
}
