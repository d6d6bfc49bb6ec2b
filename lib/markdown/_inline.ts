/**
 * Backslash escapes and trailing parentheticals.
 *
 * One escape scheme serves table cells (special `|`) and parentheticals (specials `(`, `)`):
 * a backslash escapes a special or another backslash; any other backslash is literal. Writing
 * doubles a backslash only where it would otherwise be read as an escape (before a special,
 * a backslash or the end of the text), so `C:\dir` stays as it is.
 *
 * @module
 */

const PARENS = "()";

/** Escapes a table cell: `|` as `\|`. */
export function escapeCell(text: string): string {
  return escape(text, "|", true);
}

/** Reads an escaped table cell back. */
export function unescapeCell(raw: string): string {
  return unescape(raw, "|");
}

/**
 * Splits a table row into its unescaped, trimmed cells, or `null` when the row does not both
 * start and end with an unescaped `|`.
 */
export function splitRow(row: string): string[] | null {
  const tokens = tokenize(row.trim(), "|");
  const isPipe = (t: Token | undefined) => t !== undefined && !t.escaped && t.char === "|";
  if (tokens.length < 2 || !isPipe(tokens[0]) || !isPipe(tokens.at(-1))) return null;
  const cells: string[] = [];
  let cell = "";
  for (const token of tokens.slice(1)) {
    if (isPipe(token)) {
      cells.push(cell.trim());
      cell = "";
    } else cell += token.char;
  }
  return cells;
}

/**
 * Writes the text before a parenthetical (or a whole title): backslashes escaped where needed,
 * and a final `)` written `\)` so that the title's own parentheses are never read as a note.
 */
export function formatTitle(text: string): string {
  const escaped = escape(text, PARENS, false);
  return text.endsWith(")") ? escaped.slice(0, -1) + "\\)" : escaped;
}

/** Reads a title written by {@link formatTitle} (or by hand) back. */
export function parseTitle(raw: string): string {
  return unescape(raw, PARENS).trim();
}

/**
 * Writes the inside of a parenthetical: its parentheses are kept when they are balanced, and
 * all escaped when they are not, so the parenthetical's end is always found.
 */
export function formatGroup(text: string): string {
  return escape(text, PARENS, !isBalanced(text));
}

/** A line split at its trailing parenthetical: the raw text before it and its content. */
export interface Grouped {
  /** The raw (still escaped) text before the parenthetical, trimmed at the end. */
  head: string;
  /** The parenthetical's content, unescaped and trimmed. */
  group: string;
}

/**
 * Finds a trailing ` (…)`: the line must end with an unescaped `)` whose matching unescaped
 * `(` follows a space, with non-empty text before it and inside it.
 *
 * @returns The split, or `null` when the line has no trailing parenthetical.
 */
export function splitGroup(raw: string): Grouped | null {
  const tokens = tokenize(raw.trimEnd(), PARENS);
  const last = tokens.at(-1);
  if (last === undefined || last.escaped || last.char !== ")") return null;
  let depth = 0;
  for (let k = tokens.length - 1; k >= 0; k--) {
    const token = tokens[k];
    if (token.escaped) continue;
    if (token.char === ")") depth++;
    else if (token.char === "(" && --depth === 0) return grouped(raw, tokens, k);
  }
  return null;
}

/**
 * Reads a parenthetical at the very start of `raw`, `(…)rest`: the matching unescaped `)` ends
 * it. The content must not be empty.
 *
 * @returns Its content, unescaped and trimmed, and the raw text after it; or `null`.
 *
 * @example
 * ```ts
 * import { splitLeadingGroup } from "./_inline.ts";
 * console.log(splitLeadingGroup("(Ada): text")); // { group: "Ada", tail: ": text" }
 * ```
 */
export function splitLeadingGroup(raw: string): { group: string; tail: string } | null {
  const tokens = tokenize(raw, PARENS);
  if (tokens[0] === undefined || tokens[0].escaped || tokens[0].char !== "(") return null;
  let depth = 0;
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k];
    if (token.escaped) continue;
    if (token.char === "(") depth++;
    else if (token.char === ")" && --depth === 0) {
      const group = tokens.slice(1, k).map((t) => t.char).join("").trim();
      return group === "" ? null : { group, tail: raw.slice(token.start + 1) };
    }
  }
  return null;
}

function grouped(raw: string, tokens: Token[], open: number): Grouped | null {
  const before = tokens[open - 1];
  if (before === undefined || before.escaped || before.char !== " ") return null;
  const head = raw.slice(0, before.start).trimEnd();
  const group = tokens.slice(open + 1, -1).map((t) => t.char).join("").trim();
  return head === "" || group === "" ? null : { head, group };
}

interface Token {
  /** The character it stands for. */
  char: string;
  /** Whether it was written with a backslash. */
  escaped: boolean;
  /** Its offset in the raw text. */
  start: number;
}

function tokenize(raw: string, specials: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < raw.length; i++) {
    const next = raw[i + 1];
    if (raw[i] === "\\" && next !== undefined && (next === "\\" || specials.includes(next))) {
      tokens.push({ char: next, escaped: true, start: i++ });
    } else tokens.push({ char: raw[i], escaped: false, start: i });
  }
  return tokens;
}

function unescape(raw: string, specials: string): string {
  return tokenize(raw, specials).map((t) => t.char).join("");
}

function escape(text: string, specials: string, escapeSpecials: boolean): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    const next = text[i + 1];
    if (char === "\\") {
      const readAsEscape = next === undefined || next === "\\" || specials.includes(next);
      out += readAsEscape ? "\\\\" : "\\";
    } else if (escapeSpecials && specials.includes(char)) out += "\\" + char;
    else out += char;
  }
  return out;
}

function isBalanced(text: string): boolean {
  let depth = 0;
  for (const char of text) {
    if (char === "(") depth++;
    else if (char === ")" && --depth < 0) return false;
  }
  return depth === 0;
}
