/**
 * Health colours and their emoji, and the status a phase's tasks imply.
 *
 * @module
 */
import type { Health, Status, Task } from "./document.ts";

/**
 * The emoji written for each health colour.
 *
 * @example
 * ```ts
 * import { HEALTH_EMOJI } from "./health.ts";
 * console.log(HEALTH_EMOJI.green); // "🟢"
 * ```
 */
export const HEALTH_EMOJI: Readonly<Record<Health, string>> = Object.freeze({
  green: "🟢",
  yellow: "🟡",
  red: "🔴",
});

/**
 * The health colours, best first.
 *
 * @example
 * ```ts
 * import { HEALTHS } from "./health.ts";
 * console.log(HEALTHS.join(", ")); // "green, yellow, red"
 * ```
 */
export const HEALTHS: readonly Health[] = Object.freeze(["green", "yellow", "red"]);

/**
 * The health colour of an emoji.
 *
 * @param emoji One of 🟢 🟡 🔴.
 * @returns Its colour, or `null` for any other text.
 * @example
 * ```ts
 * import { healthFromEmoji } from "./health.ts";
 * console.log(healthFromEmoji("🟡")); // "yellow"
 * ```
 */
export function healthFromEmoji(emoji: string): Health | null {
  return HEALTHS.find((health) => HEALTH_EMOJI[health] === emoji) ?? null;
}

/**
 * Reads a health colour from what a person or a form may send: an emoji or a colour name in
 * any case, surrounding whitespace ignored.
 *
 * @param text E.g. `"🟢"`, `"Green"`, `" red "`.
 * @returns The colour, or `null` when the text names none.
 * @example
 * ```ts
 * import { slugifyHealth } from "./health.ts";
 * console.log(slugifyHealth("🔴"), slugifyHealth("Yellow"), slugifyHealth("blue"));
 * // "red" "yellow" null
 * ```
 */
export function slugifyHealth(text: string): Health | null {
  const trimmed = text.trim();
  const named = trimmed.toLowerCase();
  return healthFromEmoji(trimmed) ?? HEALTHS.find((health) => health === named) ?? null;
}

/**
 * The status the reference gives a phase for its tasks: all done is `🟢 **COMPLETE**`, some
 * done or any in progress `🟡 In Progress`, none started (or no tasks) `🔴 Not Started`.
 * Parsing never applies it: a document keeps the status it states; the app calls this when a
 * task changes.
 *
 * @param tasks The phase's tasks.
 * @returns The implied status.
 * @example
 * ```ts
 * import { phaseStatusOf } from "./health.ts";
 * console.log(phaseStatusOf([{ status: "done" }, { status: "done" }]));
 * // { health: "green", label: "COMPLETE", strong: true }
 * console.log(phaseStatusOf([{ status: "doing" }, { status: "todo" }]).label); // "In Progress"
 * ```
 */
export function phaseStatusOf(tasks: readonly Pick<Task, "status">[]): Status {
  const done = tasks.filter((task) => task.status === "done").length;
  if (done > 0 && done === tasks.length) {
    return { health: "green", label: "COMPLETE", strong: true };
  }
  if (done > 0 || tasks.some((task) => task.status === "doing")) {
    return { health: "yellow", label: "In Progress", strong: false };
  }
  return { health: "red", label: "Not Started", strong: false };
}
