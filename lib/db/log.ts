/**
 * Writing the communication log. An entry made in the app keeps its instant (`at`) and shows
 * its day and time from it; its text's lines starting with "- " become its bullets, the other
 * lines its one-line text.
 *
 * @module
 */
import type { Db } from "./connection.ts";
import type { LogEntryData } from "../model/types.ts";
import { inProject, nextPosition, plainText, type ProjectScope } from "./project_writes.ts";
import { iso } from "./time.ts";

/**
 * Splits what a person typed into an entry's text and bullets: lines starting with "- " are
 * bullets, the other lines are joined with spaces.
 *
 * @example
 * ```ts
 * import { splitLogText } from "./log.ts";
 * console.log(splitLogText("Shipped:\n- cache\n- ETags"));
 * // { text: "Shipped:", items: ["cache", "ETags"] }
 * ```
 */
export function splitLogText(typed: string): { text: string; items: string[] } {
  const lines = typed.split(/\r\n|\r|\n/).map((line) => line.trim()).filter((l) => l !== "");
  const items = lines.filter((l) => l.startsWith("- ")).map((l) => plainText(l.slice(2)));
  const text = plainText(lines.filter((l) => !l.startsWith("- ")).join(" "));
  return { text, items: items.filter((item) => item !== "") };
}

/**
 * Adds an entry at the end of the communication log, written now by `author`.
 *
 * @param entry `text` may hold "- " lines, which become the entry's bullets.
 * @returns The entry as stored, or null when the project is not the tenant's.
 * @throws {RangeError} When the text holds neither text nor bullets.
 * @example
 * ```ts ignore
 * await addLogEntry(db, scope, { author: "Ada", authorId: userId, text: "Deployed:\n- cache" });
 * ```
 */
export async function addLogEntry(
  db: Db,
  scope: ProjectScope,
  entry: { author: string; authorId: string; text: string },
): Promise<LogEntryData | null> {
  const { text, items } = splitLogText(entry.text);
  if (text === "" && items.length === 0) {
    throw new RangeError("Cannot save a log entry: it is empty");
  }
  return await inProject(db, scope, async (tx) => {
    const position = await nextPosition(tx, {
      table: "log_entries",
      by: { project_id: scope.projectId, tenant_id: scope.tenantId },
    });
    const [row] = await tx.query<{ id: string; at: unknown }>(
      `INSERT INTO log_entries (tenant_id, project_id, author, author_id, text, items, position)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, at`,
      [scope.tenantId, scope.projectId, entry.author, entry.authorId, text, items, position],
    );
    return {
      id: row.id,
      at: iso(row.at),
      author: entry.author,
      text,
      position,
      dayLabel: null,
      timeLabel: null,
      items,
    };
  });
}
