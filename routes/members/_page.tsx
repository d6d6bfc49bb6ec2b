/**
 * The people of a tenant, for its owners: who has which role, pending sign-in links, and the
 * forms to add a person, change a role or remove someone. The table is an island over the
 * page's live store, so what another owner changes shows on every open People page.
 *
 * @module
 */
import type { Context } from "hono";
import type { AppEnv } from "../../lib/app/deps.ts";
import { contextEtagOf } from "../../lib/app/respond.ts";
import type { Member } from "../../lib/model/types.ts";
import { MEMBERS_PATH } from "../../lib/model/api.ts";
import type { ContextJson } from "../../lib/model/context.ts";
import { contextJson, type RequestContext } from "../../lib/resources/context.ts";
import { createContextHandle } from "../../lib/store/context.ts";
import { createListHandle } from "../../lib/store/list.ts";
import { type FieldSpec, WriteForm } from "../../islands/_dashboard/fields.tsx";
import { ROLE_OPTIONS } from "../../islands/_dashboard/members.tsx";
import { LiveIndicator } from "../../islands/LiveIndicator.tsx";
import { MemberList } from "../../islands/MemberList.tsx";
import { readMembers } from "../api/_lists.ts";
import { Layout } from "../_layout.tsx";

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

/** What the browser's store starts from; see {@linkcode MembersPage}. */
export interface MembersLive {
  /** The ETag `GET /api/members` would answer for the members shown; null when unknown. */
  etag: string | null;
  /** The last invalidation sequence number the members reflect. */
  seq: number;
  /** What `GET /api/context` would answer now. */
  context: { body: ContextJson; etag: string | null };
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
  // The page's socket replays from here: read before the members, so no change falls between.
  const seq = c.var.deps.bus.lowWater;
  const { members, etag } = await readMembers(c, ctx);
  const live = { etag, seq, context: { body: contextJson(ctx), etag: contextEtagOf(c, ctx) } };
  return <MembersPage ctx={ctx} members={members} notes={notes} live={live} />;
}

/**
 * The people page. With `live`, the table's island starts its store from it; without, the
 * store asks once the socket is live.
 *
 * @example
 * ```tsx
 * render(<MembersPage ctx={ctx} members={members} notes={{}} />);
 * ```
 */
export function MembersPage(
  props: { ctx: RequestContext; members: Member[]; notes: MembersPageNotes; live?: MembersLive },
) {
  const { ctx, members, notes, live } = props;
  const handle = createListHandle(MEMBERS_PATH, members, {
    etag: live?.etag,
    seq: live?.seq,
    context: live && createContextHandle(live.context.body, live.context.etag),
  });
  return (
    <Layout title="People" user={ctx.user} tenant={ctx.tenant} role={ctx.role}>
      <header class="page-header">
        <h1>People</h1>
        <p class="lead">Who can see and change {ctx.tenant.name}'s projects.</p>
        <p class="page-header__status">
          <LiveIndicator />
        </p>
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
      <MemberList live={handle} />
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
