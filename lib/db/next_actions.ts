/**
 * Writing next actions: checklist items in groups such as "Immediate" (Today), "This Week" and
 * "Next Week". Adding an item names its group by title; a missing group is created, a known
 * one with its when-label and in its usual place. Every function runs one transaction through
 * `inProject` and answers null when the item is not in the tenant's project.
 *
 * @module
 */
import type { Db, Queryable } from "./connection.ts";
import { inProject, nextPosition, type ProjectScope, requiredText } from "./project_writes.ts";
import {
  appendRow,
  type ColumnSetter,
  columnSetter,
  type Section,
  sectionList,
  type SectionWrites,
  sectionWrites,
} from "./section_writes.ts";

/**
 * The groups the dashboard knows, in their usual order, with their when-labels.
 *
 * @example
 * ```ts
 * import { ACTION_GROUPS } from "./next_actions.ts";
 * console.log(ACTION_GROUPS[0]); // { title: "Immediate", when: "Today" }
 * ```
 */
export const ACTION_GROUPS: readonly { title: string; when: string | null }[] = Object.freeze([
  { title: "Immediate", when: "Today" },
  { title: "This Week", when: null },
  { title: "Next Week", when: null },
]);

const GROUPS: Section = { table: "action_groups" };
const ITEMS: Section = { table: "action_items", listedBy: "group_id" };
const items: SectionWrites = sectionWrites(ITEMS);

/**
 * Adds an unticked item at the end of a group, creating the group when the project has none of
 * that title (compared without regard to case).
 *
 * @param input `group`: the group's title, e.g. "This Week"; `text`: the action.
 * @returns The new item's id and its group's id, or null when the project is not the tenant's.
 * @example
 * ```ts ignore
 * await addNextAction(db, scope, { group: "Immediate", text: "Launch remaining agents" });
 * ```
 */
export async function addNextAction(
  db: Db,
  scope: ProjectScope,
  input: { group: string; text: string },
): Promise<{ id: string; groupId: string } | null> {
  const title = requiredText(input.group, "a next action's group");
  const text = requiredText(input.text, "a next action");
  return await inProject(db, scope, async (tx) => {
    const groupId = await groupNamed(tx, scope, title);
    const added = await appendRow(tx, ITEMS, scope, { group_id: groupId, text });
    return added && { id: added.id, groupId };
  });
}

/** The id of the project's group with this title, created where it belongs when missing. */
async function groupNamed(tx: Queryable, scope: ProjectScope, title: string): Promise<string> {
  const existing = await tx.query<{ id: string; title: string; position: number }>(
    `SELECT id, title, position FROM action_groups WHERE project_id = $1 AND tenant_id = $2
     ORDER BY position`,
    [scope.projectId, scope.tenantId],
  );
  const key = title.toLowerCase();
  const found = existing.find((group) => group.title.toLowerCase() === key);
  if (found) return found.id;
  const known = ACTION_GROUPS.findIndex((group) => group.title.toLowerCase() === key);
  const rank = (name: string) => {
    const at = ACTION_GROUPS.findIndex((group) => group.title.toLowerCase() === name.toLowerCase());
    return at === -1 ? Infinity : at;
  };
  // A known group goes before the first group that usually follows it; others go last.
  const before = known === -1 ? undefined : existing.find((group) => rank(group.title) > known);
  let position = await nextPosition(tx, sectionList(GROUPS, scope));
  if (before !== undefined) {
    position = Number(before.position);
    await tx.query(
      `UPDATE action_groups SET position = position + 1
       WHERE project_id = $1 AND tenant_id = $2 AND position >= $3`,
      [scope.projectId, scope.tenantId, position],
    );
  }
  const group = known === -1 ? { title, when: null } : ACTION_GROUPS[known];
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO action_groups (tenant_id, project_id, title, when_label, position)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [scope.tenantId, scope.projectId, group.title, group.when, position],
  );
  return row.id;
}

/**
 * Ticks or unticks a next action.
 *
 * @returns The item's id and state, or null when it is not in the tenant's project.
 * @example
 * ```ts ignore
 * await setNextActionDone(db, scope, itemId, true);
 * ```
 */
export const setNextActionDone: ColumnSetter<"done", boolean> = columnSetter(ITEMS, "done");

/**
 * Deletes a next action; the items after it in its group move up. The group stays, even empty.
 *
 * @returns The deleted item's id, or null when it is not in the tenant's project.
 * @example
 * ```ts ignore
 * await deleteNextAction(db, scope, itemId);
 * ```
 */
export const deleteNextAction: SectionWrites["remove"] = items.remove;
