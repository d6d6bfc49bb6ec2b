/**
 * What changed between two versions of a JSON object, as its top-level fields: the fields of
 * `next` whose JSON differs from `previous`'s — a JSON Merge Patch (RFC 7396) one level deep.
 * After a write, every open page holds the version before; answering each with the changed
 * fields (a dashboard's task list, not its metrics, risks and log) cuts what the server sends
 * and each page parses to a fraction.
 *
 * @module
 */
import { jsonText } from "./json_text.ts";

type Json = Record<string, unknown>;

const patches = new WeakMap<object, WeakMap<object, string | null>>();

/**
 * The JSON text of the top-level fields of `next` that differ from `previous`, remembered per
 * pair (both must never change); null when a merge cannot express the change (a field was
 * removed, or either is not a plain object).
 *
 * @example
 * ```ts
 * import { mergePatchText } from "./merge_patch.ts";
 * const before = { tasks: [{ id: "t1", status: "todo" }], risks: [] };
 * const after = { tasks: [{ id: "t1", status: "done" }], risks: [] };
 * mergePatchText(before, after); // '{"tasks":[{"id":"t1","status":"done"}]}'
 * ```
 */
export function mergePatchText(previous: unknown, next: unknown): string | null {
  if (!isObject(previous) || !isObject(next)) return null;
  let byPrevious = patches.get(next);
  if (byPrevious === undefined) patches.set(next, byPrevious = new WeakMap());
  let text = byPrevious.get(previous);
  if (text === undefined) {
    text = diff(previous, next);
    byPrevious.set(previous, text);
  }
  return text;
}

function diff(previous: Json, next: Json): string | null {
  for (const key of Object.keys(previous)) if (!Object.hasOwn(next, key)) return null;
  const changed: string[] = [];
  for (const [key, value] of Object.entries(next)) {
    const text = jsonText(value);
    if (!Object.hasOwn(previous, key) || jsonText(previous[key]) !== text) {
      changed.push(`${JSON.stringify(key)}:${text}`);
    }
  }
  return `{${changed.join(",")}}`;
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
