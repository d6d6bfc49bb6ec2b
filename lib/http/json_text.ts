/**
 * The JSON text of values that are never changed once made — what the cache hands out, by
 * reference, to every reader of a key — serialised once per value and remembered for as long
 * as the value lives. After a write, every open page asks for the new value at once; each
 * answer then costs a lookup instead of a fresh `JSON.stringify` of the whole dashboard.
 *
 * @module
 */

const texts = new WeakMap<object, string>();

/**
 * `JSON.stringify(value)`, remembered per object: the value must not change afterwards.
 *
 * @param value A JSON-serialisable value; `undefined` reads as `null`.
 * @returns Its JSON text.
 * @example
 * ```ts
 * import { jsonText } from "./json_text.ts";
 * const dashboard = Object.freeze({ title: "Q3" });
 * jsonText(dashboard); // '{"title":"Q3"}', serialised
 * jsonText(dashboard); // the same text, remembered
 * ```
 */
export function jsonText(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  let text = texts.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    texts.set(value, text);
  }
  return text;
}
