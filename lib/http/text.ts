/**
 * Text fields of forms and JSON: trimmed, bounded, and free of control characters. PostgreSQL
 * refuses NUL in text, and other control characters only ever corrupt a page or an export, so
 * every text a user sends is checked here, and a bad one is a 422 naming the field, never a 500.
 *
 * @module
 */
import { z } from "zod";

// C0 controls except tab (09), line feed (0A) and carriage return (0D); DEL; C1 controls.
// deno-lint-ignore no-control-regex -- finding them is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LINE_BREAK = /[\r\n]/;

/** Options of {@linkcode textField}. */
export interface TextFieldOptions {
  /** What the field is, for messages: "the title". */
  label: string;
  /** Fewest characters after trimming. Default 0 (may be empty). */
  min?: number;
  /** Most characters after trimming. */
  max: number;
  /** Whether line breaks are allowed. Default false. */
  multiline?: boolean;
}

/**
 * Whether a text holds a control character other than tab, newline and carriage return.
 *
 * @example
 * ```ts
 * import { hasControlCharacters } from "./text.ts";
 * hasControlCharacters("a\u0000b"); // true
 * hasControlCharacters("two\nlines"); // false
 * ```
 */
export function hasControlCharacters(text: string): boolean {
  return CONTROL.test(text);
}

/**
 * A zod schema for a text field: trimmed, within `min` and `max` characters, without control
 * characters (and without line breaks unless `multiline`). With `min` 0 a missing field is
 * empty.
 *
 * @example
 * ```ts
 * import { textField } from "./text.ts";
 * const title = textField({ label: "the title", min: 1, max: 200 });
 * title.safeParse("  Launch ").data; // "Launch"
 * title.safeParse("a\u0000b").success; // false
 * ```
 */
export function textField(options: TextFieldOptions) {
  const { label, min = 0, max, multiline = false } = options;
  const capital = label.charAt(0).toUpperCase() + label.slice(1);
  let schema = z.string(`Enter ${label}`).trim();
  if (min > 0) {
    schema = schema.min(min, min === 1 ? `Enter ${label}` : `${capital} needs ${min} characters`);
  }
  const checked = schema
    .max(max, `Keep ${label} under ${max.toLocaleString("en")} characters`)
    .refine((text) => !CONTROL.test(text), `${capital} contains a control character`)
    .refine(
      (text) => multiline || !LINE_BREAK.test(text),
      `${capital} must be one line`,
    );
  // An optional field a form leaves out is empty.
  return min > 0 ? checked : checked.default("");
}
