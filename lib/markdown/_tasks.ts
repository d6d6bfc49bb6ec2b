/**
 * Task lines: `Title`, `Title (note)`, `Title (assignee)`, `Title (note) (assignee)`.
 *
 * The last parenthetical is the assignee when it names a member of the team table, or when it
 * reads `(assignee: name)`; otherwise it is the note, and nothing before it is read. Only after
 * an assignee may a second parenthetical hold the note. `(note: text)` is always a note.
 * Writing uses the short form where it reads back the same, the prefixed form otherwise (a
 * note that names a member, an assignee outside the team, text starting with `note:` or
 * `assignee:`).
 *
 * @module
 */
import type { Task } from "./document.ts";
import { formatGroup, formatTitle, parseTitle, splitGroup } from "./_inline.ts";

const PREFIXED = /^(note|assignee):\s*(.*)$/is;

/** The parts of a task written on its line after the checkbox. */
export type TaskText = Omit<Task, "status">;

/** Reads a task's text; `team` holds the names of the team table. */
export function parseTaskText(text: string, team: ReadonlySet<string>): TaskText {
  const last = splitGroup(text);
  if (last === null) return { title: parseTitle(text), note: null, assignee: null };
  const assignee = assigneeIn(last.group, team);
  if (assignee === null) {
    return { title: parseTitle(last.head), note: noteIn(last.group), assignee: null };
  }
  const first = splitGroup(last.head);
  if (first === null) return { title: parseTitle(last.head), note: null, assignee };
  return { title: parseTitle(first.head), note: noteIn(first.group), assignee };
}

/** Writes a task's text so that {@link parseTaskText} reads it back the same. */
export function formatTaskText(task: TaskText, team: ReadonlySet<string>): string {
  const parts = [formatTitle(task.title)];
  if (task.note !== null) {
    const short = !team.has(task.note) && !isPrefixed(task.note);
    parts.push(`(${formatGroup(short ? task.note : `note: ${task.note}`)})`);
  }
  if (task.assignee !== null) {
    const short = team.has(task.assignee) && !isPrefixed(task.assignee);
    parts.push(`(${formatGroup(short ? task.assignee : `assignee: ${task.assignee}`)})`);
  }
  return parts.join(" ");
}

function prefixed(group: string): { kind: "note" | "assignee"; text: string } | null {
  const match = PREFIXED.exec(group);
  const text = match?.[2].trim() ?? "";
  if (match === null || text === "") return null;
  return { kind: match[1].toLowerCase() === "note" ? "note" : "assignee", text };
}

function isPrefixed(text: string): boolean {
  return /^(note|assignee):/i.test(text);
}

function assigneeIn(group: string, team: ReadonlySet<string>): string | null {
  const marked = prefixed(group);
  if (marked !== null) return marked.kind === "assignee" ? marked.text : null;
  return team.has(group) ? group : null;
}

function noteIn(group: string): string {
  const marked = prefixed(group);
  return marked?.kind === "note" ? marked.text : group;
}
