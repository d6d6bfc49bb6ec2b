/**
 * The outline of a dashboard: the title line, the lines up to the first `## ` heading, each
 * `## ` section with its lines, and the footer after a final `---`.
 *
 * @module
 */
import { MarkdownError } from "./errors.ts";
import { isBlank, type Line } from "./_lines.ts";

/** A `## ` section: its heading text and the lines under it. */
export interface RawSection {
  heading: string;
  line: Line;
  body: Line[];
}

/** A dashboard cut into its parts, not yet read. */
export interface Outline {
  title: Line;
  /** Lines between the title and the first section (Last Updated, Overall Status). */
  header: Line[];
  sections: RawSection[];
  /** The lines after the footer's `---`, or `null` when there is no footer. */
  footer: Line[] | null;
}

/** A footer line: `**Label**: value`. */
export const FIELD = /^\*\*(.+?)\*\*:(?:\s+(.*))?$/;
const SECTION = /^## (.*)$/;

/**
 * Cuts lines into an {@link Outline}. The footer starts at the last `---` line after which
 * every non-blank line is a `**Label**: value` field.
 *
 * @throws {MarkdownError} When the input has no line that is not blank.
 */
export function outline(lines: readonly Line[]): Outline {
  const first = lines.findIndex((line) => !isBlank(line));
  if (first === -1) {
    const expected = 'a title heading "# <name> - Progress Dashboard"';
    throw new MarkdownError(1, expected, MarkdownError.END_OF_FILE);
  }
  const end = footerStart(lines);
  const footer = end === -1 ? null : lines.slice(end + 1);
  const content = lines.slice(first + 1, end === -1 ? lines.length : end);
  const header: Line[] = [];
  const sections: RawSection[] = [];
  for (const line of content) {
    const heading = SECTION.exec(line.text.trimEnd());
    if (heading) sections.push({ heading: heading[1].trim(), line, body: [] });
    else (sections.at(-1)?.body ?? header).push(line);
  }
  return { title: lines[first], header, sections, footer };
}

function footerStart(lines: readonly Line[]): number {
  for (let i = lines.length - 1; i >= 0; i--) {
    const text = lines[i].text.trim();
    if (text === "---") return i;
    if (text !== "" && !FIELD.test(text)) return -1;
  }
  return -1;
}

/** A `### ` subsection: its heading text and the lines under it. */
export interface RawSubsection {
  heading: string;
  line: Line;
  body: Line[];
}

/**
 * Cuts a section's lines at its `### ` headings.
 *
 * @returns The lines before the first subsection, and the subsections.
 */
export function subsections(
  lines: readonly Line[],
): { lead: Line[]; subsections: RawSubsection[] } {
  const lead: Line[] = [];
  const found: RawSubsection[] = [];
  for (const line of lines) {
    const heading = /^### (.*)$/.exec(line.text.trimEnd());
    if (heading) found.push({ heading: heading[1].trim(), line, body: [] });
    else (found.at(-1)?.body ?? lead).push(line);
  }
  return { lead, subsections: found };
}
