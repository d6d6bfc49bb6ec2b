/**
 * Pipe tables: a header row naming the columns, a separator row, one row per record.
 *
 * @module
 */
import { MarkdownError } from "./errors.ts";
import { escapeCell, splitRow } from "./_inline.ts";
import { isBlank, type Line, unexpected } from "./_lines.ts";

/** A body row of a table: its line and its unescaped cells. */
export interface Row {
  line: Line;
  cells: string[];
}

const SEPARATOR_CELL = /^:?-+:?$/;

/**
 * Reads a table from the first non-blank line of `lines`, which must be the header naming
 * `columns` (compared without regard to case); every line after the table must be blank.
 *
 * @returns The body rows; none when `lines` are all blank.
 * @throws {MarkdownError} For a missing or different header, a missing separator, a row with
 *   the wrong number of cells, or anything after the table.
 */
export function readTable(lines: readonly Line[], columns: readonly string[]): Row[] {
  const start = lines.findIndex((line) => !isBlank(line));
  if (start === -1) return [];
  const shape = `"${formatRow(columns)}"`;
  const header = lines[start];
  const names = splitRow(header.text);
  const same = names?.length === columns.length &&
    names.every((name, i) => name.toLowerCase() === columns[i].toLowerCase());
  if (!same) throw unexpected(header, `the table header ${shape}`);
  const separator = lines[start + 1];
  if (separator === undefined) {
    throw new MarkdownError(header.number + 1, "a table separator row", MarkdownError.END_OF_FILE);
  }
  const dashes = splitRow(separator.text);
  if (dashes?.length !== columns.length || !dashes.every((d) => SEPARATOR_CELL.test(d))) {
    throw unexpected(separator, `a table separator row "${separatorRow(columns)}"`);
  }
  const rows: Row[] = [];
  let i = start + 2;
  for (; i < lines.length && !isBlank(lines[i]); i++) {
    const cells = splitRow(lines[i].text);
    if (cells?.length !== columns.length) throw unexpected(lines[i], `a table row ${shape}`);
    rows.push({ line: lines[i], cells });
  }
  const after = lines.slice(i).find((line) => !isBlank(line));
  if (after) throw unexpected(after, `a blank line or a heading after the table ${shape}`);
  return rows;
}

/** Writes a table: header, separator (dashes as wide as each header cell), rows. */
export function formatTable(columns: readonly string[], rows: readonly string[][]): string[] {
  return [formatRow(columns), separatorRow(columns), ...rows.map(formatRow)];
}

function formatRow(cells: readonly string[]): string {
  return `| ${cells.map(escapeCell).join(" | ")} |`;
}

function separatorRow(columns: readonly string[]): string {
  return `|${columns.map((name) => "-".repeat(name.length + 2)).join("|")}|`;
}
