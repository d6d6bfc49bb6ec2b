/**
 * Reading a Markdown progress dashboard into a {@link DashboardDocument}.
 *
 * @module
 */
import {
  type DashboardDocument,
  emptyDashboard,
  type Footer,
  type SectionKey,
} from "./document.ts";
import type { MarkdownWarning } from "./errors.ts";
import { type Line, nonBlank, readLines, unexpected } from "./_lines.ts";
import { FIELD, outline, type RawSection, subsections } from "./_outline.ts";
import { readMilestones, readNextActions, readPhases, rejectAny } from "./_parse_plan.ts";
import { readBlockers, readDeliverables, readLog, readResolvedBlockers } from "./_parse_record.ts";
import { readPerformance, readQuality, readRisks, readSummary, readTeam } from "./_parse_tables.ts";
import { parseLastUpdated } from "./last_updated.ts";
import { parseStatus } from "./_status.ts";
import {
  DESCRIPTION_LABEL,
  FOOTER_LABELS,
  RESOLVED_BLOCKERS_HEADING,
  SECTION_HEADINGS,
} from "./_shape.ts";

/**
 * A dashboard read from Markdown and what was kept without being understood.
 *
 * @example
 * ```ts
 * import { type ParseReport, parseDashboardReport } from "./parse.ts";
 * const report: ParseReport = parseDashboardReport("# Launch - Progress Dashboard\n");
 * console.log(report.warnings.length); // 0
 * ```
 */
export interface ParseReport {
  document: DashboardDocument;
  /** One warning per unknown section kept verbatim, in document order. */
  warnings: MarkdownWarning[];
}

const TITLE = /^# (.*) - Progress Dashboard$/;
const TITLE_SHAPE = 'a title heading "# <name> - Progress Dashboard"';
const HEADER_SHAPE = 'a line "**Last Updated**: …", "**Overall Status**: …", ' +
  '"**Description**: …" or a "## " heading';
const FOOTER_SHAPE = 'a footer line "**Dashboard Owner**: …", "**Update Frequency**: …" or ' +
  '"**Review Cycle**: …"';

/**
 * Reads a dashboard and reports the unknown sections it kept.
 *
 * @param text The Markdown; LF, CRLF or CR line breaks, at most `MAX_IMPORT_BYTES` bytes.
 * @returns The document and its warnings.
 * @throws {MarkdownError} Naming the first line that is not in the dashboard's shape.
 * @example
 * ```ts
 * import { parseDashboardReport } from "./parse.ts";
 * const { document, warnings } = parseDashboardReport(
 *   "# Launch - Progress Dashboard\n\n## Notes\n\nFree text.\n",
 * );
 * console.log(document.extraSections[0].body, warnings[0].line); // "Free text." 3
 * ```
 */
export function parseDashboardReport(text: string): ParseReport {
  const parts = outline(readLines(text));
  const title = TITLE.exec(parts.title.text.trim());
  if (title === null || title[1].trim() === "") throw unexpected(parts.title, TITLE_SHAPE);
  const document = emptyDashboard(title[1].trim());
  readHeader(parts.header, document);
  const warnings = readSections(parts.sections, document);
  if (parts.footer !== null) document.footer = readFooter(parts.footer);
  return { document, warnings };
}

/**
 * Reads a dashboard in the shape of `reference/progress-dashboard.md`.
 *
 * @param text The Markdown; LF, CRLF or CR line breaks, at most `MAX_IMPORT_BYTES` bytes.
 * @returns The document; unknown sections are kept in `extraSections`.
 * @throws {MarkdownError} Naming the first line that is not in the dashboard's shape.
 * @example
 * ```ts
 * import { parseDashboard } from "./parse.ts";
 * const doc = parseDashboard("# Launch - Progress Dashboard\n");
 * console.log(doc.name); // "Launch"
 * ```
 */
export function parseDashboard(text: string): DashboardDocument {
  return parseDashboardReport(text).document;
}

function readHeader(lines: readonly Line[], document: DashboardDocument): void {
  for (const line of nonBlank(lines)) {
    const field = FIELD.exec(line.text.trim());
    const value = field?.[2]?.trim() ?? "";
    if (field?.[1] === "Last Updated" && document.lastUpdated === null && value !== "") {
      document.lastUpdated = parseLastUpdated(value);
    } else if (field?.[1] === "Overall Status" && document.overallStatus === null) {
      document.overallStatus = parseStatus(value);
    } else if (field?.[1] === DESCRIPTION_LABEL && document.description === null) {
      document.description = value;
    } else throw unexpected(line, HEADER_SHAPE);
  }
}

function readSections(sections: readonly RawSection[], document: DashboardDocument) {
  const known = new Map<string, RawSection>();
  const warnings: MarkdownWarning[] = [];
  let after: SectionKey = "header";
  for (const section of sections) {
    const key = sectionKey(section.heading);
    if (key === undefined) {
      document.extraSections.push({
        heading: section.heading,
        body: verbatim(section.body),
        after,
      });
      const message = `Kept the unknown section "## ${section.heading}" as written`;
      warnings.push({ line: section.line.number, message });
      continue;
    }
    if (known.has(key)) throw unexpected(section.line, "each section once");
    known.set(key, section);
    after = key;
  }
  const body = (key: SectionKey) => known.get(key)?.body ?? [];
  document.summary = readSummary(body("summary"));
  document.team = readTeam(body("team"));
  document.phases = readPhases(body("phases"), new Set(document.team.map((m) => m.name)));
  readMetrics(body("metrics"), document);
  readBlockersAndRisks(body("blockers"), document);
  document.milestones = readMilestones(body("milestones"));
  document.log = readLog(body("log"));
  document.deliverables = readDeliverables(body("accomplishments"));
  document.nextActions = readNextActions(body("nextActions"));
  return warnings;
}

function sectionKey(heading: string): SectionKey | undefined {
  const entries = Object.entries(SECTION_HEADINGS) as [SectionKey, string][];
  return entries.find(([, text]) => text === heading)?.[0];
}

function verbatim(lines: readonly Line[]): string {
  const texts = lines.map((line) => line.text);
  while (texts.length > 0 && texts[0].trim() === "") texts.shift();
  while (texts.length > 0 && texts.at(-1)!.trim() === "") texts.pop();
  return texts.join("\n");
}

function readMetrics(lines: readonly Line[], document: DashboardDocument): void {
  readNamedSubsections(lines, {
    "Performance Metrics": (body) => document.performanceMetrics = readPerformance(body),
    "Quality Metrics": (body) => document.qualityMetrics = readQuality(body),
  });
}

function readBlockersAndRisks(lines: readonly Line[], document: DashboardDocument): void {
  readNamedSubsections(lines, {
    "Active Blockers": (body) => document.blockers = readBlockers(body),
    [RESOLVED_BLOCKERS_HEADING]: (body) => document.resolvedBlockers = readResolvedBlockers(body),
    "Risk Register": (body) => document.risks = readRisks(body),
  });
}

/** Hands each `### ` subsection to its reader; each name at most once, no other content. */
function readNamedSubsections(
  lines: readonly Line[],
  readers: Record<string, (body: Line[]) => void>,
): void {
  const names = Object.keys(readers);
  const expected = names.map((name) => `"### ${name}"`).join(" or ");
  const parts = subsections(lines);
  rejectAny(parts.lead, expected);
  const seen = new Set<string>();
  for (const sub of parts.subsections) {
    const read = readers[sub.heading];
    if (read === undefined || seen.has(sub.heading)) throw unexpected(sub.line, expected);
    seen.add(sub.heading);
    read(sub.body);
  }
}

function readFooter(lines: readonly Line[]): Footer {
  const footer: Footer = { owner: null, updateFrequency: null, reviewCycle: null };
  const keys = Object.keys(FOOTER_LABELS) as (keyof Footer)[];
  for (const line of nonBlank(lines)) {
    const field = FIELD.exec(line.text.trim());
    const key = keys.find((k) => FOOTER_LABELS[k] === field?.[1]);
    if (key === undefined || footer[key] !== null) throw unexpected(line, FOOTER_SHAPE);
    footer[key] = field?.[2]?.trim() ?? "";
  }
  return footer;
}
