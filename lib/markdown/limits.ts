/**
 * The size limit of an imported dashboard, shared by the parser and the import route.
 *
 * @module
 */

/**
 * The largest dashboard accepted for import, in UTF-8 bytes (1 MiB). `parseDashboard` checks
 * it; the import route checks it too, before reading the form any further.
 *
 * @example
 * ```ts
 * import { byteLength, MAX_IMPORT_BYTES } from "./limits.ts";
 * const markdown = "# Launch - Progress Dashboard\n";
 * if (byteLength(markdown) > MAX_IMPORT_BYTES) throw new RangeError("Dashboard too large");
 * ```
 */
export const MAX_IMPORT_BYTES = 1_048_576;

/**
 * The UTF-8 length of a string in bytes, counted without encoding it. A lone surrogate counts
 * 3 bytes, as the U+FFFD that `TextEncoder` writes for it.
 *
 * @param text Any string.
 * @returns Its length in UTF-8 bytes.
 * @example
 * ```ts
 * import { byteLength, MAX_IMPORT_BYTES } from "./limits.ts";
 * console.log(byteLength("Ü🟢")); // 6
 * console.log(byteLength("x".repeat(10)) <= MAX_IMPORT_BYTES); // true
 * ```
 */
export function byteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
