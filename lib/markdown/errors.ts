/**
 * What reading a Markdown dashboard reports: {@link MarkdownError} for input it cannot read,
 * {@link MarkdownWarning} for input it kept without understanding.
 *
 * @module
 */

const SHOWN_CHARACTERS = 60;

/**
 * Input that is not a dashboard in the expected shape, with the 1-based line at fault.
 *
 * @example
 * ```ts
 * import { MarkdownError } from "./errors.ts";
 * const error = new MarkdownError(14, 'a percent such as "40%"', MarkdownError.quote("lots"));
 * console.log(error.message); // Line 14: expected a percent such as "40%", found "lots"
 * ```
 */
export class MarkdownError extends Error {
  /** The 1-based line the problem is on. */
  readonly line: number;
  /** What the line should have been, e.g. `a checklist item "- [ ] text"`. */
  readonly expected: string;
  /** What was found instead, already described (quoted text or e.g. "the end of the file"). */
  readonly found: string;

  /**
   * @param line The 1-based line number.
   * @param expected What was expected there.
   * @param found A description of what was found; quote text with {@link MarkdownError.quote}.
   */
  constructor(line: number, expected: string, found: string) {
    super(`Line ${line}: expected ${expected}, found ${found}`);
    this.name = "MarkdownError";
    this.line = line;
    this.expected = expected;
    this.found = found;
  }

  /** The description of the end of the input, for {@link MarkdownError}'s `found`. */
  static readonly END_OF_FILE = "the end of the file";

  /**
   * Quotes a piece of input for a message: shortened to 60 characters with `…`, control
   * characters shown as `\u0000` escapes.
   *
   * @example
   * ```ts
   * import { MarkdownError } from "./errors.ts";
   * console.log(MarkdownError.quote("a\u0000b")); // "a\u0000b"
   * ```
   */
  static quote(text: string): string {
    const chars = [...text];
    const short = chars.length > SHOWN_CHARACTERS
      ? chars.slice(0, SHOWN_CHARACTERS - 1).join("") + "…"
      : text;
    // deno-lint-ignore no-control-regex
    const visible = short.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => {
      return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
    });
    return `"${visible}"`;
  }
}

/**
 * Something kept without being understood, e.g. an unknown section written back verbatim.
 *
 * @example
 * ```ts
 * import type { MarkdownWarning } from "./errors.ts";
 * const warning: MarkdownWarning = { line: 120, message: 'Kept unknown section "## Notes"' };
 * console.log(warning.line); // 120
 * ```
 */
export interface MarkdownWarning {
  /** The 1-based line it starts on. */
  line: number;
  /** A sentence saying what was kept. */
  message: string;
}
