/**
 * Input lines: the size guard, line breaks (LF, CRLF, CR), a leading BOM, control characters.
 *
 * @module
 */
import { MarkdownError } from "./errors.ts";
import { byteLength, MAX_IMPORT_BYTES } from "./limits.ts";

/** A line of input with its 1-based number; `text` has no line break. */
export interface Line {
  number: number;
  text: string;
}

// Tab is the only control character a dashboard may hold; CR and LF are line breaks.
// deno-lint-ignore no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/**
 * Splits input into lines after checking its size and characters.
 *
 * @throws {MarkdownError} For input over {@link MAX_IMPORT_BYTES} (at the line that crosses
 *   it) or a line holding a control character other than tab.
 */
export function readLines(text: string): Line[] {
  if (byteLength(text) > MAX_IMPORT_BYTES) throw tooLarge(text);
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const texts = body.split(/\r\n|\r|\n/);
  if (texts.at(-1) === "") texts.pop();
  return texts.map((line, i) => {
    if (CONTROL.test(line)) {
      throw new MarkdownError(i + 1, "text without control characters", MarkdownError.quote(line));
    }
    return { number: i + 1, text: line };
  });
}

function tooLarge(text: string): MarkdownError {
  const total = byteLength(text);
  const expected = `a dashboard of at most ${MAX_IMPORT_BYTES} bytes`;
  let bytes = 0;
  let number = 0;
  // Split after each line break, keeping it, so the bytes add up to the total.
  for (const line of text.split(/(?<=\n|\r(?!\n))/)) {
    number++;
    bytes += byteLength(line);
    if (bytes > MAX_IMPORT_BYTES) break;
  }
  return new MarkdownError(number, expected, `${total} bytes`);
}

/** Whether a line holds only whitespace. */
export function isBlank(line: Line): boolean {
  return line.text.trim() === "";
}

/** The lines that are not blank. */
export function nonBlank(lines: readonly Line[]): Line[] {
  return lines.filter((line) => !isBlank(line));
}

/** A {@link MarkdownError} for a line that is not what was expected. */
export function unexpected(line: Line, expected: string): MarkdownError {
  return new MarkdownError(line.number, expected, MarkdownError.quote(line.text));
}
