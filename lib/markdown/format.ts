/**
 * Writing a {@link DashboardDocument} as canonical Markdown, the shape `parseDashboard` reads.
 *
 * The text is built from blocks of lines separated by one blank line. Every known section is
 * written, empty ones too, so a new project's export already shows the whole shape.
 *
 * @module
 */
import type {
  ActionGroup,
  DashboardDocument,
  Deliverable,
  LogDay,
  Milestone,
  Phase,
  SectionKey,
  TaskState,
} from "./document.ts";
import { SECTION_KEYS } from "./document.ts";
import { HEALTH_EMOJI } from "./health.ts";
import { formatGroup, formatTitle } from "./_inline.ts";
import { formatStatus } from "./_status.ts";
import { formatTable } from "./_tables.ts";
import { formatTarget } from "./_target.ts";
import { formatTaskText } from "./_tasks.ts";
import { formatLastUpdated } from "./last_updated.ts";
import { normalizeDashboard } from "./normalize.ts";
import {
  COLUMNS,
  DELIVERABLES_HEADING,
  DESCRIPTION_LABEL,
  FOOTER_LABELS,
  NO_BLOCKERS,
  RESOLVED_BLOCKERS_HEADING,
  SECTION_HEADINGS,
} from "./_shape.ts";

/**
 * Options of {@link formatDashboard}.
 *
 * @example
 * ```ts
 * import { emptyDashboard } from "./document.ts";
 * import { formatDashboard, type FormatOptions } from "./format.ts";
 * const options: FormatOptions = { finalNewline: false };
 * console.log(formatDashboard(emptyDashboard("Launch"), options).endsWith("\n")); // false
 * ```
 */
export interface FormatOptions {
  /** End the text with a line break, as text files do. Default `true`. */
  finalNewline?: boolean;
}

type Block = string[];

/**
 * Writes a dashboard as Markdown. For any valid document `d` (see `FORMAT.md`),
 * `parseDashboard(formatDashboard(d))` deep-equals `d`. Texts are first normalized (see
 * `normalizeDashboard`), so a line break inside a text is written as a space.
 *
 * @param input The document.
 * @param options See {@link FormatOptions}.
 * @returns The canonical Markdown text.
 * @example
 * ```ts
 * import { emptyDashboard } from "./document.ts";
 * import { formatDashboard } from "./format.ts";
 * const text = formatDashboard(emptyDashboard("Launch"));
 * console.log(text.startsWith("# Launch - Progress Dashboard\n")); // true
 * ```
 */
export function formatDashboard(input: DashboardDocument, options: FormatOptions = {}): string {
  const { finalNewline = true } = options;
  const doc = normalizeDashboard(input);
  const blocks: Block[] = [];
  for (const key of SECTION_KEYS) {
    blocks.push(...sectionBlocks(doc, key));
    for (const extra of doc.extraSections.filter((section) => section.after === key)) {
      blocks.push([`## ${extra.heading}`], extra.body === "" ? [] : [extra.body]);
    }
  }
  blocks.push(...footerBlocks(doc));
  const text = blocks.filter((block) => block.length > 0).map((b) => b.join("\n")).join("\n\n");
  return finalNewline ? text + "\n" : text;
}

function sectionBlocks(doc: DashboardDocument, key: SectionKey): Block[] {
  if (key === "header") return headerBlocks(doc);
  const heading = [`## ${SECTION_HEADINGS[key]}`];
  switch (key) {
    case "summary":
      return [
        heading,
        table(COLUMNS.summary, doc.summary, (row) => {
          const target = formatTarget(row.target, row.direction);
          return [row.metric, target, row.current, formatStatus(row.status)];
        }),
      ];
    case "phases":
      return [heading, ...doc.phases.map((phase) => phaseBlock(phase, doc))];
    case "team":
      return [
        heading,
        table(COLUMNS.team, doc.team, (member) => {
          const progress = `${member.progress}%`;
          return [`**${member.name}**`, formatStatus(member.status), member.currentTask, progress];
        }),
      ];
    case "metrics":
      return [heading, ...metricsBlocks(doc)];
    case "blockers":
      return [heading, ...blockersBlocks(doc)];
    case "milestones":
      return [heading, ...doc.milestones.map(milestoneBlock)];
    case "log":
      return [heading, ...doc.log.map(logDayBlock)];
    case "accomplishments":
      return [heading, ...deliverablesBlocks(doc.deliverables)];
    case "nextActions":
      return [heading, ...doc.nextActions.map(actionGroupBlock)];
  }
}

function headerBlocks(doc: DashboardDocument): Block[] {
  const fields: Block = [];
  if (doc.lastUpdated !== null) {
    fields.push(field("Last Updated", formatLastUpdated(doc.lastUpdated)));
  }
  if (doc.overallStatus !== null) {
    fields.push(field("Overall Status", formatStatus(doc.overallStatus)));
  }
  if (doc.description !== null) fields.push(field(DESCRIPTION_LABEL, doc.description));
  return [[`# ${doc.name} - Progress Dashboard`], fields];
}

function phaseBlock(phase: Phase, doc: DashboardDocument): Block {
  const team = new Set(doc.team.map((member) => member.name));
  let heading = `### Phase ${phase.number}: ${
    withGroup(formatTitle(phase.title), phase.timeframe)
  }`;
  if (phase.status !== null) heading += suffixed(" - Status:", formatStatus(phase.status));
  return [heading, ...phase.tasks.map((task) => taskLine(task.status, formatTaskText(task, team)))];
}

function metricsBlocks(doc: DashboardDocument): Block[] {
  const performance = table(COLUMNS.performance, doc.performanceMetrics, (row) => {
    const progress = row.progress === null ? "" : HEALTH_EMOJI[row.progress];
    const target = formatTarget(row.target, row.direction);
    return [row.metric, row.baseline, row.current, target, progress];
  });
  const quality = table(COLUMNS.quality, doc.qualityMetrics, (row) => {
    return [
      row.metric,
      row.current,
      formatTarget(row.target, row.direction),
      formatStatus(row.status),
    ];
  });
  return [["### Performance Metrics", ...performance], ["### Quality Metrics", ...quality]];
}

function blockersBlocks(doc: DashboardDocument): Block[] {
  const blockers = doc.blockers.length === 0 ? [NO_BLOCKERS] : doc.blockers.map((b) => `- ${b}`);
  const risks = table(COLUMNS.risks, doc.risks, (risk) => {
    return [risk.risk, risk.impact, risk.probability, risk.mitigation, risk.owner];
  });
  const resolved = doc.resolvedBlockers.map((blocker) => {
    return `- ${
      withGroup(formatTitle(blocker.text), blocker.resolved && `resolved ${blocker.resolved}`)
    }`;
  });
  return [
    ["### Active Blockers", ...blockers],
    resolved.length === 0 ? [] : [`### ${RESOLVED_BLOCKERS_HEADING}`, ...resolved],
    ["### Risk Register"],
    risks,
  ];
}

function milestoneBlock(milestone: Milestone): Block {
  const items = milestone.items.map((item) => checkbox(item.done, item.text));
  return [`### ${withGroup(formatTitle(milestone.title), milestone.note)}`, ...items];
}

function logDayBlock(day: LogDay): Block {
  const lines = [`### ${day.date}`];
  for (const entry of day.entries) {
    const author = entry.author === null ? "" : ` (${formatGroup(entry.author)})`;
    lines.push(suffixed(`- **${entry.time}**${author}:`, entry.text));
    lines.push(...entry.items.map((item) => `  - ${item}`));
  }
  return lines;
}

function deliverablesBlocks(deliverables: readonly Deliverable[]): Block[] {
  const blocks = deliverables.map((deliverable, i) => [
    `${i + 1}. ${withGroup(`**${deliverable.title}**`, deliverable.owner)}`,
    ...deliverable.details.map((detail) => `   - ${detail}`),
  ]);
  if (blocks.length === 0) return [[`### ${DELIVERABLES_HEADING}`]];
  blocks[0].unshift(`### ${DELIVERABLES_HEADING}`);
  return blocks;
}

function actionGroupBlock(group: ActionGroup, i: number): Block {
  const items = group.items.map((item) => `   ${checkbox(item.done, item.text)}`);
  return [`${i + 1}. ${withGroup(`**${group.title}**`, group.when)}:`, ...items];
}

function footerBlocks(doc: DashboardDocument): Block[] {
  const keys = Object.keys(FOOTER_LABELS) as (keyof typeof FOOTER_LABELS)[];
  const lines = keys.flatMap((key) => {
    const value = doc.footer[key];
    return value === null ? [] : [field(FOOTER_LABELS[key], value)];
  });
  return lines.length === 0 ? [] : [["---"], lines];
}

function table<T>(columns: readonly string[], rows: readonly T[], cells: (row: T) => string[]) {
  return formatTable(columns, rows.map(cells));
}

function taskLine(state: TaskState, text: string): string {
  return `- [${state === "done" ? "x" : state === "doing" ? "/" : " "}] ${text}`;
}

function checkbox(done: boolean, text: string): string {
  return `- [${done ? "x" : " "}] ${text}`;
}

function field(label: string, value: string): string {
  return suffixed(`**${label}**:`, value);
}

function suffixed(prefix: string, text: string): string {
  return text === "" ? prefix : `${prefix} ${text}`;
}

function withGroup(head: string, group: string | null): string {
  return group === null ? head : `${head} (${formatGroup(group)})`;
}
