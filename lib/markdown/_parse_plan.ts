/**
 * Reading the planning sections: phases with their tasks, weekly milestones, next actions.
 *
 * @module
 */
import type { ActionGroup, ChecklistItem, Milestone, Phase, TaskState } from "./document.ts";
import { parseTitle, splitGroup } from "./_inline.ts";
import { type Line, nonBlank, unexpected } from "./_lines.ts";
import { type RawSubsection, subsections } from "./_outline.ts";
import { parseStatus } from "./_status.ts";
import { parseTaskText } from "./_tasks.ts";

const CHECKLIST_ITEM = /^- \[([ xX])\] (.*)$/;
const TASK_ITEM = /^- \[([ xX/])\] (.*)$/;
const PHASE = /^Phase (\d{1,9}): (.*)$/;
const STATUS_MARK = " - Status:";
const NUMBERED = /^\d{1,9}\. \*\*(.+)\*\*$/s;

/** Expected shapes, as error messages name them. */
export const SHAPES = {
  checklistItem: 'a checklist item "- [ ] text" or "- [x] text"',
  task: 'a task "- [ ] text", "- [/] text" (in progress) or "- [x] text"',
  phase: 'a phase heading "### Phase 1: Title (Timeframe) - Status: 🟢 On Track"',
  week: 'a week heading "### Week 1 (Starting 2025-07-31)"',
  actionGroup: 'an action group "1. **Immediate** (Today):"',
} as const;

/** Reads a checklist item, indented or not: `- [ ] text` or `- [x] text`. */
export function readChecklistItem(line: Line): ChecklistItem {
  const match = CHECKLIST_ITEM.exec(line.text.trim());
  const text = match?.[2].trim() ?? "";
  if (match === null || text === "") throw unexpected(line, SHAPES.checklistItem);
  return { text, done: match[1] !== " " };
}

/** Reads "## Phase Progress"; `team` holds the team table's names (see `_tasks.ts`). */
export function readPhases(body: readonly Line[], team: ReadonlySet<string>): Phase[] {
  const parts = subsections(body);
  rejectAny(parts.lead, SHAPES.phase);
  return parts.subsections.map((sub) => {
    const tasks = nonBlank(sub.body).map((line) => {
      const match = TASK_ITEM.exec(line.text.trim());
      const text = match?.[2].trim() ?? "";
      if (match === null || text === "") throw unexpected(line, SHAPES.task);
      return { ...parseTaskText(text, team), status: taskState(match[1]) };
    });
    return { ...readPhaseHeading(sub), tasks };
  });
}

function taskState(mark: string): TaskState {
  if (mark === "/") return "doing";
  return mark === " " ? "todo" : "done";
}

function readPhaseHeading(sub: RawSubsection): Omit<Phase, "tasks"> {
  const match = PHASE.exec(sub.heading);
  if (match === null) throw unexpected(sub.line, SHAPES.phase);
  const rest = match[2];
  const at = rest.indexOf(STATUS_MARK);
  const head = at === -1 ? rest : rest.slice(0, at);
  const status = at === -1 ? null : parseStatus(rest.slice(at + STATUS_MARK.length));
  const grouped = splitGroup(head);
  const title = parseTitle(grouped?.head ?? head);
  if (title === "") throw unexpected(sub.line, SHAPES.phase);
  return { number: Number(match[1]), title, timeframe: grouped?.group ?? null, status };
}

/** Reads "## Weekly Milestones". */
export function readMilestones(body: readonly Line[]): Milestone[] {
  const parts = subsections(body);
  rejectAny(parts.lead, SHAPES.week);
  return parts.subsections.map((sub) => {
    const grouped = splitGroup(sub.heading);
    const title = parseTitle(grouped?.head ?? sub.heading);
    if (title === "") throw unexpected(sub.line, SHAPES.week);
    const items = nonBlank(sub.body).map(readChecklistItem);
    return { title, note: grouped?.group ?? null, items };
  });
}

/** Reads "## Next Actions": numbered groups, each with its checklist items. */
export function readNextActions(body: readonly Line[]): ActionGroup[] {
  const groups: ActionGroup[] = [];
  for (const line of nonBlank(body)) {
    const text = line.text.trim();
    if (text.startsWith("- ")) {
      const group = groups.at(-1);
      if (group === undefined) throw unexpected(line, SHAPES.actionGroup);
      group.items.push(readChecklistItem(line));
      continue;
    }
    const numbered = text.endsWith(":") ? readNumbered(text.slice(0, -1)) : null;
    if (numbered === null) {
      throw unexpected(line, `${SHAPES.actionGroup} or ${SHAPES.checklistItem}`);
    }
    groups.push({ title: numbered.title, when: numbered.group, items: [] });
  }
  return groups;
}

/**
 * Reads `1. **Title** (parenthetical)` or `1. **Title**`: the title literal, the
 * parenthetical unescaped.
 */
export function readNumbered(text: string): { title: string; group: string | null } | null {
  const grouped = splitGroup(text);
  const withGroup = grouped && NUMBERED.exec(grouped.head);
  if (grouped && withGroup && withGroup[1].trim() !== "") {
    return { title: withGroup[1].trim(), group: grouped.group };
  }
  const plain = NUMBERED.exec(text.trimEnd());
  return plain && plain[1].trim() !== "" ? { title: plain[1].trim(), group: null } : null;
}

/** Throws at the first line that is not blank. */
export function rejectAny(lines: readonly Line[], expected: string): void {
  const line = nonBlank(lines)[0];
  if (line !== undefined) throw unexpected(line, expected);
}
