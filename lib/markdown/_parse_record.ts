/**
 * Reading the record sections: blockers, the communication log, completed deliverables.
 *
 * @module
 */
import type { Deliverable, LogDay, LogEntry, ResolvedBlocker } from "./document.ts";
import { parseTitle, splitGroup, splitLeadingGroup } from "./_inline.ts";
import { type Line, nonBlank, unexpected } from "./_lines.ts";
import { subsections } from "./_outline.ts";
import { readNumbered, rejectAny } from "./_parse_plan.ts";
import { DELIVERABLES_HEADING, NO_BLOCKERS } from "./_shape.ts";

const LOG_START = /^- \*\*/;
const RESOLVED = /^resolved\s+(.+)$/s;
const NESTED_BULLET = /^\s+- (.*)$/;
const SHAPES = {
  blocker: `a blocker "- text" or "${NO_BLOCKERS}"`,
  resolved: 'a resolved blocker "- text (resolved 2025-08-01)"',
  day: 'a day heading "### 2025-07-31"',
  entry: 'a log entry "- **9:00 AM**: text", "- **9:00 AM** (author): text" or an indented ' +
    '"  - item"',
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

/**
 * Reads the lines of "### Resolved Blockers": `- text (resolved 2025-08-01)`, or `- text`
 * when the date is not known. The text is read like a title (see `_inline.ts`).
 *
 * @example
 * ```ts
 * import { readResolvedBlockers } from "./_parse_record.ts";
 * const lines = [{ number: 1, text: "- VPN (resolved 2025-08-01)" }];
 * console.log(readResolvedBlockers(lines)); // [{ text: "VPN", resolved: "2025-08-01" }]
 * ```
 */
export function readResolvedBlockers(lines: readonly Line[]): ResolvedBlocker[] {
  return nonBlank(lines).map((line) => {
    const text = line.text.trim();
    const bullet = text.startsWith("- ") ? text.slice(2).trim() : "";
    const grouped = splitGroup(bullet);
    const resolved = grouped === null ? null : RESOLVED.exec(grouped.group);
    const blocker = grouped !== null && resolved !== null
      ? { text: parseTitle(grouped.head), resolved: resolved[1].trim() }
      : { text: parseTitle(bullet), resolved: null };
    if (blocker.text === "") throw unexpected(line, SHAPES.resolved);
    return blocker;
  });
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
      const entry = nested === null ? readLogEntry(line.text.trimEnd()) : null;
      const current = day.entries.at(-1);
      if (nested !== null && current) current.items.push(nested);
      else if (entry !== null) day.entries.push(entry);
      else throw unexpected(line, SHAPES.entry);
    }
    return day;
  });
}

/**
 * Reads `- **time**: text` or `- **time** (author): text`. The time ends at the first `**`
 * followed by `:` or by ` (author):`.
 */
function readLogEntry(text: string): LogEntry | null {
  if (!LOG_START.test(text)) return null;
  for (let end = text.indexOf("**", 4); end !== -1; end = text.indexOf("**", end + 1)) {
    const time = text.slice(4, end).trim();
    const rest = text.slice(end + 2);
    if (time === "") continue;
    if (rest.startsWith(":")) return { time, author: null, text: rest.slice(1).trim(), items: [] };
    const authored = rest.startsWith(" (") ? splitLeadingGroup(rest.slice(1)) : null;
    if (authored !== null && authored.tail.startsWith(":")) {
      return { time, author: authored.group, text: authored.tail.slice(1).trim(), items: [] };
    }
  }
  return null;
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
