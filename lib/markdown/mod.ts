/**
 * Beacon's Markdown dashboard format: the document model of a progress dashboard, read from
 * and written to the shape of `reference/progress-dashboard.md` (see `FORMAT.md`). Pure and
 * self-contained: it imports nothing outside this folder.
 *
 * Laws: for any valid document `d`, `parseDashboard(formatDashboard(d))` deep-equals `d`, and
 * `formatDashboard(parseDashboard(formatDashboard(d)))` equals `formatDashboard(d)`. A document
 * is valid when it is in normal form (`normalizeDashboard(d)` deep-equals `d`) and keeps the
 * few rules under "What reads back exactly" in `FORMAT.md`; every parsed document is valid.
 *
 * @example
 * ```ts
 * import { formatDashboard, MarkdownError, parseDashboard } from "./mod.ts";
 * const text = [
 *   "# Launch - Progress Dashboard",
 *   "",
 *   "## Phase Progress",
 *   "",
 *   "### Phase 1: Build (Week 1) - Status: 🟡 In Progress",
 *   "- [x] Schema (ada)",
 *   "- [/] Deploy (waiting for ops) (assignee: grace)",
 * ].join("\n");
 * const doc = parseDashboard(text);
 * console.log(doc.phases[0].tasks[1]);
 * // { title: "Deploy", note: "waiting for ops", assignee: "grace", status: "doing" }
 * console.log(parseDashboard(formatDashboard(doc)).phases[0].title); // "Build"
 * try {
 *   parseDashboard("# Launch - Progress Dashboard\n\n## Phase Progress\n\n- [y] foo\n");
 * } catch (error) {
 *   if (error instanceof MarkdownError) console.log(error.line); // 5
 * }
 * ```
 *
 * @module
 */
export type {
  ActionGroup,
  ChecklistItem,
  DashboardDocument,
  Deliverable,
  Direction,
  ExtraSection,
  Footer,
  Health,
  LastUpdated,
  LogDay,
  LogEntry,
  Milestone,
  PerformanceMetric,
  Phase,
  QualityMetric,
  ResolvedBlocker,
  Risk,
  RiskLevel,
  SectionKey,
  Status,
  SummaryRow,
  Task,
  TaskState,
  TeamMember,
} from "./document.ts";
export { emptyDashboard, SECTION_KEYS } from "./document.ts";
export { MarkdownError, type MarkdownWarning } from "./errors.ts";
export { formatDashboard, type FormatOptions } from "./format.ts";
export { HEALTH_EMOJI, healthFromEmoji, HEALTHS, phaseStatusOf, slugifyHealth } from "./health.ts";
export { formatLastUpdated, parseLastUpdated } from "./last_updated.ts";
export { byteLength, MAX_IMPORT_BYTES } from "./limits.ts";
export { normalizeDashboard, normalizeText } from "./normalize.ts";
export { parseDashboard, parseDashboardReport, type ParseReport } from "./parse.ts";
