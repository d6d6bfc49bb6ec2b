/**
 * Reading the record sections: blockers, the communication log, completed deliverables.
 *
 * @module
 */
import type { Deliverable, LogDay } from "./document.ts";
import { type Line, nonBlank, unexpected } from "./_lines.ts";
import { subsections } from "./_outline.ts";
import { readNumbered, rejectAny } from "./_parse_plan.ts";
import { DELIVERABLES_HEADING, NO_BLOCKERS } from "./_shape.ts";

const LOG_ENTRY = /^- \*\*(.+?)\*\*:(.*)$/;
const NESTED_BULLET = /^\s+- (.*)$/;
const SHAPES = {
  blocker: `a blocker "- text" or "${NO_BLOCKERS}"`,
  day: 'a day heading "### 2025-07-31"',
  entry: 'a log entry "- **9:00 AM**: text" or an indented "  - item"',
  deliverables: `the heading "### ${DELIVERABLES_HEADING}"`,
  deliverable: 'a deliverable "1. **Title** (owner)" or an indented "   - detail"',
} as const;

/** Reads the lines of "### Active Blockers". */
export function readBlockers(lines: readonly Line[]): string[] {
  const blockers: string[] = [];
  for (const line of nonBlank(lines)) {
    const text = line.text.trim();
    if (text === NO_BLOCKERS) continue;
    const bullet = text.startsWith("- ") ? text.slice(2).trim() : "";
    if (bullet === "") throw unexpected(line, SHAPES.blocker);
    blockers.push(bullet);
  }
  return blockers;
}

/** Reads "## Communication Log": day headings, timed entries, nested bullets. */
export function readLog(body: readonly Line[]): LogDay[] {
  const parts = subsections(body);
  rejectAny(parts.lead, SHAPES.day);
  return parts.subsections.map((sub) => {
    if (sub.heading === "") throw unexpected(sub.line, SHAPES.day);
    const day: LogDay = { date: sub.heading, entries: [] };
    for (const line of nonBlank(sub.body)) {
      const nested = nestedBullet(line);
      const entry = nested === null ? LOG_ENTRY.exec(line.text.trimEnd()) : null;
      const current = day.entries.at(-1);
      if (nested !== null && current) current.items.push(nested);
      else if (entry && entry[1].trim() !== "") {
        day.entries.push({ time: entry[1].trim(), text: entry[2].trim(), items: [] });
      } else throw unexpected(line, SHAPES.entry);
    }
    return day;
  });
}

/** Reads "## Key Accomplishments Today". */
export function readDeliverables(body: readonly Line[]): Deliverable[] {
  const parts = subsections(body);
  rejectAny(parts.lead, SHAPES.deliverables);
  const [first, second] = parts.subsections;
  if (first === undefined) return [];
  if (first.heading !== DELIVERABLES_HEADING) throw unexpected(first.line, SHAPES.deliverables);
  if (second !== undefined) throw unexpected(second.line, SHAPES.deliverable);
  const deliverables: Deliverable[] = [];
  for (const line of nonBlank(first.body)) {
    const nested = nestedBullet(line);
    const current = deliverables.at(-1);
    const numbered = nested === null ? readNumbered(line.text.trim()) : null;
    if (nested !== null && current) current.details.push(nested);
    else if (numbered) {
      deliverables.push({ title: numbered.title, owner: numbered.group, details: [] });
    } else throw unexpected(line, SHAPES.deliverable);
  }
  return deliverables;
}

/** The text of an indented `- item`, or `null` for any other line. */
function nestedBullet(line: Line): string | null {
  const match = NESTED_BULLET.exec(line.text.trimEnd());
  const text = match?.[1].trim() ?? "";
  return text === "" ? null : text;
}
