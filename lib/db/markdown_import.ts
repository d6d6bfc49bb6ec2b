/**
 * A Markdown dashboard document (`parseDashboard`) as a new project, in one transaction:
 * nothing is half-imported. The import keeps every list's order, the document's "Last Updated"
 * and the log's days and times as written, and writes nothing of its own (no log entry).
 *
 * How the document's parts land: the overall status is the project's status and health (no
 * status: empty, green); the footer's owner, update frequency and review cycle are the
 * project's; a status without a health emoji is red; phase statuses are not stored (they
 * follow from the tasks). Days and times written as `2025-07-31` and `9:00 AM` are read as
 * UTC: the project's `updated_at` from its Last Updated, each log entry's instant, a resolved
 * blocker's date; written any other way, they are the time of the import.
 *
 * @module
 */
import type { Db, Queryable } from "./connection.ts";
import {
  type DashboardDocument,
  formatLastUpdated,
  type Health as DocHealth,
  type RiskLevel,
  type Status,
} from "../markdown/mod.ts";
import { instantOf } from "../model/labels.ts";
import type { ExtraSection, Health, Level } from "../model/types.ts";

/**
 * A document the database cannot hold as it is, e.g. a risk without a title or a task title
 * longer than a task's title may be.
 *
 * @example
 * ```ts
 * import { DashboardImportError } from "./markdown_import.ts";
 * const error = new DashboardImportError("risk 2 has no title");
 * console.log(error.message); // "Cannot import the dashboard: risk 2 has no title"
 * ```
 */
export class DashboardImportError extends Error {
  constructor(problem: string) {
    super(`Cannot import the dashboard: ${problem}`);
    this.name = "DashboardImportError";
  }
}

/**
 * Creates a project of the tenant from a dashboard document.
 *
 * @param db The database.
 * @param tenantId The tenant it belongs to.
 * @param doc A parsed document (`parseDashboard`).
 * @returns The new project's id.
 * @throws {DashboardImportError} When a text is empty where the app needs one, or too long.
 * @example
 * ```ts ignore
 * import { parseDashboard } from "../markdown/mod.ts";
 * const id = await importDashboard(db, tenantId, parseDashboard(markdown));
 * ```
 */
export async function importDashboard(
  db: Db,
  tenantId: string,
  doc: DashboardDocument,
): Promise<string> {
  checkDocument(doc);
  return await db.transaction((tx) => importDashboardInto(tx, tenantId, doc));
}

/**
 * {@linkcode importDashboard} inside a transaction the caller holds, e.g. with the tenant it
 * creates; the caller's transaction keeps the import all or nothing.
 *
 * @param tx An open transaction.
 * @returns The new project's id.
 * @throws {DashboardImportError} When a text is empty where the app needs one, or too long.
 * @example
 * ```ts ignore
 * await db.transaction(async (tx) => {
 *   const tenantId = await createTenant(tx);
 *   await importDashboardInto(tx, tenantId, parseDashboard(markdown));
 * });
 * ```
 */
export async function importDashboardInto(
  tx: Queryable,
  tenantId: string,
  doc: DashboardDocument,
): Promise<string> {
  checkDocument(doc);
  // The model's sections name the same parts as the document's.
  const extraSections: ExtraSection[] = doc.extraSections;
  const projectId = crypto.randomUUID();
  await tx.query(
    `INSERT INTO projects (id, tenant_id, name, description, status, health, owner,
       update_frequency, review_cycle, last_updated, extra_sections, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::text::jsonb,
       coalesce($12::timestamptz, now()))`,
    [
      projectId,
      tenantId,
      doc.name,
      doc.description ?? "",
      doc.overallStatus?.label ?? "",
      doc.overallStatus?.health ?? "green",
      doc.footer.owner ?? "",
      doc.footer.updateFrequency,
      doc.footer.reviewCycle,
      doc.lastUpdated === null ? null : formatLastUpdated(doc.lastUpdated),
      JSON.stringify(extraSections),
      doc.lastUpdated === null ? null : instantOf(doc.lastUpdated.date, doc.lastUpdated.time),
    ],
  );
  const rows = new Rows(tx, tenantId, projectId);
  await importPlan(rows, doc);
  await importRecords(rows, doc, new Date().toISOString());
  return projectId;
}

/** Multi-row inserts of a project's children: tenant and project first, ids made here. */
class Rows {
  #tx: Queryable;
  #scope: unknown[];

  constructor(tx: Queryable, tenantId: string, projectId: string) {
    this.#tx = tx;
    this.#scope = [tenantId, projectId];
  }

  /** Inserts rows into `table`; a column written `name::type` is cast. */
  async insert(table: string, columns: string[], rows: unknown[][]): Promise<void> {
    const width = columns.length + 2;
    const names = ["tenant_id", "project_id", ...columns.map((c) => c.split("::")[0])];
    const casts = ["", "", ...columns.map((c) => c.includes("::") ? `::${c.split("::")[1]}` : "")];
    // Well below PostgreSQL's 65,535 parameters per statement.
    for (let start = 0; start < rows.length; start += 1000) {
      const chunk = rows.slice(start, start + 1000);
      const values = chunk.map((_, r) =>
        `(${casts.map((cast, c) => `$${r * width + c + 1}${cast}`).join(", ")})`
      );
      await this.#tx.query(
        `INSERT INTO ${table} (${names.join(", ")}) VALUES ${values.join(", ")}`,
        chunk.flatMap((row) => [...this.#scope, ...row]),
      );
    }
  }
}

async function importPlan(rows: Rows, doc: DashboardDocument): Promise<void> {
  const phases = doc.phases.map((phase) => ({ id: crypto.randomUUID(), phase }));
  await rows.insert(
    "phases",
    ["id", "name", "timeframe", "position"],
    phases.map(({ id, phase }, i) => [id, phase.title, phase.timeframe ?? "", i]),
  );
  await rows.insert(
    "tasks",
    ["phase_id", "title", "note", "status", "assignee", "position"],
    phases.flatMap(({ id, phase }) =>
      phase.tasks.map((t, i) => [id, t.title, t.note ?? "", t.status, t.assignee, i])
    ),
  );
  await rows.insert(
    "team_assignments",
    ["member", "status", "status_label", "current_task", "progress", "position"],
    doc.team.map((
      m,
      i,
    ) => [m.name, health(m.status), m.status.label, m.currentTask, m.progress, i]),
  );
  const metric = ["metric_group", "name", "baseline", "current", "target", "direction"];
  await rows.insert("metrics", [...metric, "health", "status_label", "position"], [
    ...doc.summary.map((m, i) => [
      "summary",
      m.metric,
      "",
      m.current,
      m.target,
      m.direction,
      health(m.status),
      m.status.label,
      i,
    ]),
    ...doc.performanceMetrics.map((m, i) => [
      "performance",
      m.metric,
      m.baseline,
      m.current,
      m.target,
      m.direction,
      m.progress ?? DEFAULT_HEALTH,
      "",
      i,
    ]),
    ...doc.qualityMetrics.map((m, i) => [
      "quality",
      m.metric,
      "",
      m.current,
      m.target,
      m.direction,
      health(m.status),
      m.status.label,
      i,
    ]),
  ]);
  const weeks = doc.milestones.map((week) => ({ id: crypto.randomUUID(), week }));
  await rows.insert(
    "milestones",
    ["id", "title", "note", "position"],
    weeks.map(({ id, week }, i) => [id, week.title, week.note, i]),
  );
  await rows.insert(
    "milestone_items",
    ["milestone_id", "text", "done", "position"],
    weeks.flatMap(({ id, week }) => week.items.map((item, i) => [id, item.text, item.done, i])),
  );
}

async function importRecords(rows: Rows, doc: DashboardDocument, now: string): Promise<void> {
  await rows.insert("blockers", ["text", "resolved_at::timestamptz", "position"], [
    ...doc.blockers.map((text, i) => [text, null, i]),
    ...doc.resolvedBlockers.map((b, i) => [
      b.text,
      (b.resolved === null ? null : instantOf(b.resolved, null)) ?? now,
      doc.blockers.length + i,
    ]),
  ]);
  await rows.insert(
    "risks",
    ["title", "impact", "probability", "mitigation", "owner", "position"],
    doc.risks.map((
      r,
      i,
    ) => [r.risk, level(r.impact), level(r.probability), r.mitigation, r.owner, i]),
  );
  const entries = doc.log.flatMap((day) => day.entries.map((entry) => ({ day, entry })));
  await rows.insert(
    "log_entries",
    ["at::timestamptz", "author", "text", "items::text[]", "day_label", "time_label", "position"],
    entries.map(({ day, entry }, i) => [
      instantOf(day.date, entry.time) ?? now,
      entry.author ?? "",
      entry.text,
      entry.items,
      day.date,
      entry.time,
      i,
    ]),
  );
  await rows.insert(
    "accomplishments",
    ["title", "owner", "details::text[]", "position"],
    doc.deliverables.map((d, i) => [d.title, d.owner, d.details, i]),
  );
  const groups = doc.nextActions.map((group) => ({ id: crypto.randomUUID(), group }));
  await rows.insert(
    "action_groups",
    ["id", "title", "when_label", "position"],
    groups.map(({ id, group }, i) => [id, group.title, group.when, i]),
  );
  await rows.insert(
    "action_items",
    ["group_id", "text", "done", "position"],
    groups.flatMap(({ id, group }) => group.items.map((item, i) => [id, item.text, item.done, i])),
  );
}

const DEFAULT_HEALTH: DocHealth = "red";

function health(status: Status): Health {
  return status.health ?? DEFAULT_HEALTH;
}

function level(value: RiskLevel): Level {
  return value.toLowerCase() as Level;
}

/** The texts the schema limits, checked up front so that a problem is named, not a 500. */
function checkDocument(doc: DashboardDocument): void {
  const check = (text: string | null, max: number, what: string, required = true) => {
    if (text === null) return;
    if (required && text === "") throw new DashboardImportError(`${what} is empty`);
    if (text.length > max) {
      throw new DashboardImportError(`${what} is longer than ${max} characters`);
    }
  };
  check(doc.name, 200, "the project's name");
  doc.phases.forEach((phase, p) => {
    check(phase.title, 200, `the title of phase ${p + 1}`);
    phase.tasks.forEach((t, i) => check(t.title, 300, `task ${i + 1} of phase ${p + 1}`));
  });
  doc.team.forEach((m, i) => check(m.name, 120, `the name of team member ${i + 1}`));
  const metrics = [
    ...doc.summary.map((m) => ["the executive summary", m.metric] as const),
    ...doc.performanceMetrics.map((m) => ["the performance metrics", m.metric] as const),
    ...doc.qualityMetrics.map((m) => ["the quality metrics", m.metric] as const),
  ];
  metrics.forEach(([table, name]) => check(name, 120, `a metric's name in ${table}`));
  doc.risks.forEach((r, i) => check(r.risk, 200, `the title of risk ${i + 1}`));
  [...doc.blockers, ...doc.resolvedBlockers.map((b) => b.text)].forEach((text, i) =>
    check(text, 1000, `blocker ${i + 1}`)
  );
  doc.milestones.forEach((week, w) => {
    check(week.title, 200, `the title of milestone ${w + 1}`);
    week.items.forEach((item, i) => check(item.text, 300, `item ${i + 1} of milestone ${w + 1}`));
  });
  doc.log.flatMap((day) => day.entries).forEach((entry, i) =>
    check(entry.text, 4000, `log entry ${i + 1}`, false)
  );
  doc.deliverables.forEach((d, i) => {
    check(d.title, 300, `accomplishment ${i + 1}`);
    check(d.owner, 200, `the owner of accomplishment ${i + 1}`);
  });
  doc.nextActions.forEach((g, n) => {
    check(g.title, 200, `next-action group ${n + 1}`);
    check(g.when, 200, `the when of next-action group ${n + 1}`);
    g.items.forEach((item, i) => check(item.text, 1000, `item ${i + 1} of group ${n + 1}`));
  });
}
