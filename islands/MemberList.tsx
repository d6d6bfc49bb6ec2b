/**
 * The People page's table, live: a person added, a role changed or someone removed by another
 * owner shows on every open People page.
 *
 * @module
 */
import type { JSX } from "preact";
import type { Member } from "../lib/model/types.ts";
import { countRender } from "../lib/store/hooks.ts";
import { type LiveListHandle, useLiveList } from "../lib/store/list.ts";
import { MembersTable } from "./_dashboard/members.tsx";

/** Props of {@linkcode MemberList}. */
export interface MemberListProps {
  /** The people's live handle (`/api/members`). */
  live: LiveListHandle<Member>;
}

/**
 * The tenant's people with their roles and the forms to change them. Renders again when the
 * list the store holds changes.
 *
 * @param props The live handle.
 * @returns The table.
 *
 * @example
 * ```tsx ignore
 * <MemberList live={createListHandle(MEMBERS_PATH, members, { etag, seq })} />
 * ```
 */
export function MemberList(props: MemberListProps): JSX.Element {
  countRender("MemberList");
  const members = useLiveList(props.live);
  return <MembersTable members={members.value} />;
}
