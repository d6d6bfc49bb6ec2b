/**
 * The text rules of the document model, applied: every text is one trimmed line without
 * control characters (tab aside). Form input passes through {@link normalizeText} before it
 * is stored; {@link formatDashboard} applies {@link normalizeDashboard} so that a stray line
 * break can never break the written shape.
 *
 * @module
 */
import type { DashboardDocument, ExtraSection } from "./document.ts";

// Runs of line breaks and control characters other than tab.
// deno-lint-ignore no-control-regex
const BREAKS = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]+/g;

/**
 * Makes a text fit the model: runs of line breaks and control characters (tab aside) become
 * one space, and surrounding whitespace is trimmed.
 *
 * @param text Any text, e.g. a form field.
 * @returns The one-line text.
 * @example
 * ```ts
 * import { normalizeText } from "./normalize.ts";
 * console.log(normalizeText("  Deploy\r\nthe cache \u0000")); // "Deploy the cache"
 * ```
 */
export function normalizeText(text: string): string {
  return text.replace(BREAKS, " ").trim();
}

/**
 * A copy of a document with every text normalized by {@link normalizeText}; an extra
 * section's body keeps its lines, without control characters or surrounding blank lines.
 * A document is in normal form when this returns a deep-equal copy.
 *
 * @param doc The document.
 * @returns The normalized copy.
 * @example
 * ```ts
 * import { emptyDashboard } from "./document.ts";
 * import { normalizeDashboard } from "./normalize.ts";
 * const doc = { ...emptyDashboard(" Launch\n"), blockers: ["Waiting\non ops"] };
 * console.log(normalizeDashboard(doc).name, normalizeDashboard(doc).blockers);
 * // "Launch" [ "Waiting on ops" ]
 * ```
 */
export function normalizeDashboard(doc: DashboardDocument): DashboardDocument {
  const { extraSections, ...rest } = doc;
  return { ...normalizeValue(rest), extraSections: extraSections.map(normalizeExtra) };
}

function normalizeExtra(section: ExtraSection): ExtraSection {
  const lines = section.body.split(/\r\n|\r|\n/).map((line) => line.replace(BREAKS, " "));
  while (lines.length > 0 && lines[0].trim() === "") lines.shift();
  while (lines.length > 0 && lines.at(-1)!.trim() === "") lines.pop();
  return { heading: normalizeText(section.heading), body: lines.join("\n"), after: section.after };
}

function normalizeValue<T>(value: T): T {
  if (typeof value === "string") return normalizeText(value) as T;
  if (Array.isArray(value)) return value.map(normalizeValue) as T;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).map(([key, item]) => [key, normalizeValue(item)]);
    return Object.fromEntries(entries) as T;
  }
  return value;
}
