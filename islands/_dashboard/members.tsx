/**
 * The People page's table: everyone in the tenant with their role, and for each the forms to
 * change the role or remove them.
 *
 * @module
 */
import type { Member, Role } from "../../lib/model/types.ts";
import { ActionButton } from "./fields.tsx";
import { TableWrap } from "./ui.tsx";

/** Roles an owner can give, strongest first. */
export const ROLE_OPTIONS = [
  ["owner", "Owner"],
  ["admin", "Admin"],
  ["member", "Member"],
  ["viewer", "Viewer"],
] as const;

/**
 * The tenant's people, one row each (`data-member` is the email).
 *
 * @example
 * ```tsx
 * <MembersTable members={members} />
 * ```
 */
export function MembersTable(props: { members: readonly Member[] }) {
  return (
    <TableWrap label="People">
      <table class="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {props.members.map((member) => <MemberRow key={member.userId} member={member} />)}
        </tbody>
      </table>
    </TableWrap>
  );
}

function MemberRow(props: { member: Member }) {
  const { member } = props;
  return (
    <tr data-member={member.email}>
      <th scope="row">{member.name}</th>
      <td>
        {member.email}
        {member.invitedUntil && (
          <>
            {" "}
            <span class="muted">(invited)</span>
          </>
        )}
      </td>
      <td>{roleName(member.role)}</td>
      <td class="cell-actions">
        <form method="post" action={`/members/${member.userId}`} class="inline-form">
          <label class="visually-hidden" for={`role-${member.userId}`}>
            Role of {member.name}
          </label>
          <select id={`role-${member.userId}`} name="role">
            {ROLE_OPTIONS.map(([value, label]) => (
              <option key={value} value={value} selected={value === member.role}>{label}</option>
            ))}
          </select>
          <button type="submit" class="button button--small">Change role</button>
        </form>
        <ActionButton
          action={`/members/${member.userId}/delete`}
          label="Remove"
          target={member.name}
          danger
        />
      </td>
    </tr>
  );
}

function roleName(role: Role): string {
  return ROLE_OPTIONS.find(([value]) => value === role)?.[1] ?? role;
}
