/**
 * The request context: who is asking, in which tenant, with which role, preferences and
 * flags — one object per request, loaded through the cache.
 *
 * @module
 */
import type { ContextJson, Membership } from "../model/context.ts";

/** Everything a route knows about the signed-in user. */
export interface RequestContext extends Membership {
  /** The stored hash of the session id. */
  sessionHash: string;
  /** When the session expires, in milliseconds since the epoch. */
  sessionExpiresAt: number;
  /** Flags evaluated for this user: key → on. */
  flags: Record<string, boolean>;
}

/**
 * The body of `GET /api/context` for a request context; the dashboard page renders the same
 * body into its live store.
 *
 * @param ctx The request context.
 * @returns The user, tenant, role, preferences and flags.
 *
 * @example
 * ```ts ignore
 * return c.json(contextJson(ctx));
 * ```
 */
export function contextJson(ctx: RequestContext): ContextJson {
  return {
    user: ctx.user,
    tenant: ctx.tenant,
    role: ctx.role,
    preferences: ctx.preferences,
    flags: ctx.flags,
  };
}
