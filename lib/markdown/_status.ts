/**
 * Status texts: `🟢 On Track`, `🟢 **COMPLETE**`, a bare `🔴`, or a label alone.
 *
 * A plain label that would read as something else (one starting with a health emoji, or one
 * wrapped in `**`) is written after one extra backslash, which reading removes: `\**x**`.
 *
 * @module
 */
import type { Status } from "./document.ts";
import { HEALTH_EMOJI, HEALTHS } from "./health.ts";

const STRONG = /^\*\*(.+)\*\*$/s;
// Labels that need the guard backslash: after any backslashes, a health emoji or a bold shape.
const GUARDED = /^\\*(?:🟢|🟡|🔴|\*\*.+\*\*$)/su;

/** Reads a status text. */
export function parseStatus(text: string): Status {
  let rest = text.trim();
  let health: Status["health"] = null;
  for (const candidate of HEALTHS) {
    if (rest.startsWith(HEALTH_EMOJI[candidate])) {
      health = candidate;
      rest = rest.slice(HEALTH_EMOJI[candidate].length).trim();
      break;
    }
  }
  const strong = STRONG.exec(rest);
  if (strong && strong[1].trim() !== "") {
    return { health, label: strong[1].trim(), strong: true };
  }
  const guarded = rest.startsWith("\\") && GUARDED.test(rest.slice(1));
  return { health, label: guarded ? rest.slice(1) : rest, strong: false };
}

/** Writes a status text; an empty label is never bold. */
export function formatStatus(status: Status): string {
  const { health, label } = status;
  let text = label;
  if (status.strong && label !== "") text = `**${label}**`;
  else if (GUARDED.test(label)) text = `\\${label}`;
  if (health === null) return text;
  return text === "" ? HEALTH_EMOJI[health] : `${HEALTH_EMOJI[health]} ${text}`;
}
