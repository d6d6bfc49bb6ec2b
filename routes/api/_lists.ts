/**
 * The tenant's lists in the JSON API: `GET /api/projects`, the home page's cards, for everyone
 * in the tenant; `GET /api/members`, the People page's table, for those who may see it. The
 * tenant is the session's: no path names one, so no other tenant's list can be asked for.
 *
 * @module
 */
import type { Context } from "hono";
import type { AppEnv } from "../../lib/app/deps.ts";
import { contentEtagOf, etagOf } from "../../lib/app/respond.ts";
import { listMembers } from "../../lib/db/members.ts";
import { PEOPLE_ROLES } from "../../lib/model/context.ts";
import type { Member } from "../../lib/model/types.ts";
import type { RequestContext } from "../../lib/resources/context.ts";
import type { HeldMatch, ResourceAnswer } from "./_answer.ts";

/**
 * Answers `GET /api/projects`: the project list through the cache, its ETag from versions in
 * memory like a dashboard's, so a revalidation touches neither the database nor Redis.
 *
 * @example
 * ```ts ignore
 * const result = await answerProjectList(c, ctx, heldInBatch(entry.etag));
 * ```
 */
export async function answerProjectList(
  c: Context<AppEnv>,
  ctx: RequestContext,
  held: HeldMatch,
): Promise<ResourceAnswer> {
  const { loaders } = c.var.deps;
  const list = loaders.resources.projectList(ctx.tenant.id);
  const etag = etagOf(c, ctx, list, "api");
  const matched = etag && held(etag);
  if (matched) return { status: 304, etag: matched };
  const { value, served, freshUntil, superseded } = await loaders.read(list, ctx.user.id);
  // Data of earlier versions (the database is out of reach): no ETag describes it.
  const described = etag && !superseded ? etag : undefined;
  return { status: 200, etag: described, body: value, served, freshUntil };
}

/**
 * Answers `GET /api/members`: 403 for a role that may not see the People page (as the page
 * itself answers), else the tenant's people read from the database, with an ETag from what
 * they show (`contentEtagOf()`).
 *
 * @example
 * ```ts ignore
 * const result = await answerMembers(c, ctx, heldInBatch(entry.etag));
 * ```
 */
export async function answerMembers(
  c: Context<AppEnv>,
  ctx: RequestContext,
  held: HeldMatch,
): Promise<ResourceAnswer> {
  if (!PEOPLE_ROLES.includes(ctx.role)) {
    return { status: 403, error: `Your role (${ctx.role}) cannot do this` };
  }
  const { members, etag } = await readMembers(c, ctx);
  const matched = etag && held(etag);
  if (matched) return { status: 304, etag: matched };
  return { status: 200, etag: etag ?? undefined, body: members, served: "bypass" };
}

/**
 * The tenant's people and the ETag `GET /api/members` gives them, for the API and the People
 * page alike. Not cached: owners alone read it, seldom, and it holds everyone's email, which
 * may not sit in Redis unsealed (invariant 6).
 *
 * @example
 * ```ts ignore
 * const { members, etag } = await readMembers(c, ctx);
 * ```
 */
export async function readMembers(
  c: Context<AppEnv>,
  ctx: RequestContext,
): Promise<{ members: Member[]; etag: string | null }> {
  const members = await listMembers(c.var.deps.db, ctx.tenant.id);
  return { members, etag: contentEtagOf(c, ctx, "api-members", members) };
}
