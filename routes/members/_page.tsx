/**
 * The people of a tenant, for its owners: who has which role, pending sign-in links, and the
 * forms to add a person, change a role or remove someone.
 *
 * @module
 */
import type { Context } from "hono";
import type { AppEnv } from "../../lib/app/deps.ts";
import type { Member } from "../../lib/db/members.ts";
import { listMembers } from "../../lib/db/members.ts";
import type { Role } from "../../lib/model/types.ts";
import type { RequestContext } from "../../lib/resources/context.ts";
import { ActionButton, type FieldSpec, WriteForm } from "../../islands/_dashboard/fields.tsx";
import { TableWrap } from "../../islands/_dashboard/ui.tsx";
import { Layout } from "../_layout.tsx";

/** Roles an owner can give, strongest first. */
export const ROLE_OPTIONS = [
  ["owner", "Owner"],
  ["admin", "Admin"],
  ["member", "Member"],
  ["viewer", "Viewer"],
] as const;

const ADD_FIELDS: readonly FieldSpec[] = [
  { name: "email", label: "Email", required: true, maxLength: 254 },
  { name: "name", label: "Name", maxLength: 120 },
  { name: "role", label: "Role", kind: "select", options: ROLE_OPTIONS },
];

/** What the page shows besides the members. */
export interface MembersPageNotes {
  /** A sign-in link made just now, shown this once. */
  invited?: { email: string; link: string; expiresAt: string };
  /** What was done, e.g. "grace@acme.test is a member now". */
  notice?: string;
  /** A form that failed: its values and messages. */
  failed?: { values: Record<string, string>; errors: Record<string, string> };
}

/**
 * Renders the people page for the signed-in owner.
 *
 * @example
 * ```ts ignore
 * return page(c, await membersPage(c, ctx, { notice: "Saved" }));
 * ```
 */
export async function membersPage(
  c: Context<AppEnv>,
  ctx: RequestContext,
  notes: MembersPageNotes = {},
) {
  const members = await listMembers(c.var.deps.db, ctx.tenant.id);
  return <MembersPage ctx={ctx} members={members} notes={notes} />;
}

/**
 * The people page.
 *
 * @example
 * ```tsx
 * render(<MembersPage ctx={ctx} members={members} notes={{}} />);
 * ```
 */
export function MembersPage(
  props: { ctx: RequestContext; members: Member[]; notes: MembersPageNotes },
) {
  const { ctx, members, notes } = props;
  return (
    <Layout title="People" user={ctx.user} tenant={ctx.tenant} role={ctx.role}>
      <header class="page-header">
        <h1>People</h1>
        <p class="lead">Who can see and change {ctx.tenant.name}'s projects.</p>
      </header>
      {notes.invited && (
        <div class="card invite-link" role="status">
          <p>
            <strong>{notes.invited.email}</strong>{" "}
            can set a password and sign in with this link, once, until{" "}
            {notes.invited.expiresAt.slice(0, 16).replace("T", " ")}{" "}
            UTC. Send it to them now: it is not shown again.
          </p>
          <p>
            <input
              class="invite-link__url"
              type="text"
              readOnly
              value={notes.invited.link}
              aria-label="Sign-in link"
            />
          </p>
        </div>
      )}
      {notes.notice && <p class="banner" role="status">{notes.notice}</p>}
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
            {members.map((member) => <MemberRow key={member.userId} member={member} />)}
          </tbody>
        </table>
      </TableWrap>
      <section class="card stack" aria-labelledby="add-person-title">
        <h2 id="add-person-title">Add a person</h2>
        <WriteForm
          action="/members"
          id="member-new"
          fields={ADD_FIELDS}
          values={notes.failed?.values ?? { role: "member" }}
          errors={notes.failed?.errors ?? {}}
          submitted={notes.failed !== undefined}
          submit="Add person"
          labelledBy="add-person-title"
        />
      </section>
    </Layout>
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
