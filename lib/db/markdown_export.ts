/**
 * A project's dashboard as a Markdown document (`lib/markdown`): what
 * `GET /projects/:id/export.md` writes with `formatDashboard`, and what `importDashboard` reads
 * back into the same project. Pure.
 *
 * What the page shows is what is written: phase statuses from their tasks, computed metric
 * statuses, the Blockers row's count, log days and times (as written in an imported document,
 * otherwise from the entry's instant in UTC). Phases are numbered from 0 in their order.
 *
 * @module
 */
import type { DashboardDocument, LogDay, RiskLevel, Status as DocStatus } from "../markdown/mod.ts";
import { parseLastUpdated } from "../markdown/mod.ts";
import { dayLabel } from "../model/labels.ts";
import { resolveDashboard } from "../model/resolve.ts";
import type { Health, Level, LogEntry, Metric, ProjectDashboard } from "../model/types.ts";

/**
 * Writes a project's dashboard as a document, for `formatDashboard`.
 *
 * @param dashboard The dashboard (as loaded; what follows from the data is applied again, to
 * the same result).
 * @returns The document; `formatDashboard(exportDashboard(d))` is the Markdown text.
 * @example
 * ```ts ignore
 * import { formatDashboard } from "../markdown/mod.ts";
 * const markdown = formatDashboard(exportDashboard(dashboard));
 * ```
 */
export function exportDashboard(dashboard: ProjectDashboard): DashboardDocument {
  const d = resolveDashboard(dashboard);
  const p = d.project;
  const group = (name: Metric["group"]) => d.metrics.filter((m) => m.group === name);
  const open = d.blockers.filter((b) => b.resolvedAt === null);
  const resolved = d.blockers.filter((b) => b.resolvedAt !== null);
  return {
    name: p.name,
    description: p.description === "" ? null : p.description,
    lastUpdated: p.lastUpdated === null ? null : parseLastUpdated(p.lastUpdated),
    overallStatus: { health: p.health, label: p.status, strong: p.status !== "" },
    summary: group("summary").map((m) => ({
      metric: m.name,
      target: m.target,
      direction: m.direction,
      current: m.current,
      status: status(m.health, m.statusLabel),
    })),
    phases: d.phases.map((phase, number) => ({
      number,
      title: phase.name,
      timeframe: phase.timeframe === "" ? null : phase.timeframe,
      status: { ...phase.status },
      tasks: phase.tasks.map((task) => ({
        title: task.title,
        status: task.status,
        note: task.note === "" ? null : task.note,
        assignee: task.assignee,
      })),
    })),
    team: d.team.map((row) => ({
      name: row.member,
      status: status(row.status, row.statusLabel),
      currentTask: row.currentTask,
      progress: row.progress,
    })),
    performanceMetrics: group("performance").map((m) => ({
      metric: m.name,
      baseline: m.baseline,
      current: m.current,
      target: m.target,
      direction: m.direction,
      progress: m.health,
    })),
    qualityMetrics: group("quality").map((m) => ({
      metric: m.name,
      current: m.current,
      target: m.target,
      direction: m.direction,
      status: status(m.health, m.statusLabel),
    })),
    blockers: open.map((b) => b.text),
    resolvedBlockers: resolved.map((b) => ({ text: b.text, resolved: dayLabel(b.resolvedAt!) })),
    risks: d.risks.map((r) => ({
      risk: r.title,
      impact: riskLevel(r.impact),
      probability: riskLevel(r.probability),
      mitigation: r.mitigation,
      owner: r.owner,
    })),
    milestones: d.milestones.map((m) => ({
      title: m.title,
      note: m.note,
      items: m.items.map((item) => ({ text: item.text, done: item.done })),
    })),
    log: logDays(d.log),
    deliverables: d.accomplishments.map((a) => ({
      title: a.title,
      owner: a.owner,
      details: [...a.details],
    })),
    nextActions: d.actionGroups.map((g) => ({
      title: g.title,
      when: g.when,
      items: g.items.map((item) => ({ text: item.text, done: item.done })),
    })),
    footer: {
      owner: p.owner === "" ? null : p.owner,
      updateFrequency: p.updateFrequency,
      reviewCycle: p.reviewCycle,
    },
    extraSections: p.extraSections.map((section) => ({ ...section })),
  };
}

function status(health: Health, label: string): DocStatus {
  return { health, label, strong: false };
}

function riskLevel(level: Level): RiskLevel {
  return level === "high" ? "High" : level === "medium" ? "Medium" : "Low";
}

/** Entries in order, a new day heading wherever the shown day changes. */
function logDays(log: readonly LogEntry[]): LogDay[] {
  const days: LogDay[] = [];
  for (const entry of log) {
    let day = days.at(-1);
    if (day === undefined || day.date !== entry.day) {
      day = { date: entry.day, entries: [] };
      days.push(day);
    }
    day.entries.push({
      time: entry.time,
      author: entry.author === "" ? null : entry.author,
      text: entry.text,
      items: [...entry.items],
    });
  }
  return days;
}
