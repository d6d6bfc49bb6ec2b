/**
 * `GET /ws`: the invalidation socket. Checks the origin, the session and the `live_updates`
 * flag, then hands the upgraded socket to this instance's hub (`lib/live/hub.ts`).
 *
 * @module
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv, Handlers } from "../lib/app/deps.ts";
import { privateHeaders } from "../lib/http/headers.ts";
import { originAllowed } from "../lib/http/same_origin.ts";
import { clientAddress } from "../lib/http/client_address.ts";

/**
 * Seconds a socket may leave a server ping unanswered before it is closed as dead. Browsers
 * answer pings by themselves; Deno sends them when the socket has been idle this long.
 */
export const IDLE_TIMEOUT_SECONDS = 30;

function refuse(c: Context<AppEnv>, status: ContentfulStatusCode, error: string): Response {
  privateHeaders(c);
  return c.json({ error, status }, status);
}

/** The socket's handler. */
export const handler: Handlers = {
  GET: liveSocket,
};

function liveSocket(c: Context<AppEnv>): Response {
  const { hub, config } = c.var.deps;
  // A browser always sends Origin on a WebSocket handshake; only a foreign page's can be
  // abused to ride the user's cookie, so a missing Origin (a non-browser client) is let in.
  if (!originAllowed(c, config.allowedOrigins, config.trustedProxies)) {
    return refuse(c, 403, "WebSocket connections from another origin are not allowed");
  }
  const ctx = c.var.session;
  if (!ctx) return refuse(c, 401, "Sign in to receive live updates");
  if (ctx.flags.live_updates === false) {
    return refuse(c, 403, "Live updates are turned off for you (flag live_updates)");
  }
  if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
    c.header("Upgrade", "websocket");
    return refuse(c, 426, "This endpoint speaks WebSocket only");
  }
  let upgraded: ReturnType<typeof Deno.upgradeWebSocket>;
  try {
    upgraded = Deno.upgradeWebSocket(c.req.raw, { idleTimeout: IDLE_TIMEOUT_SECONDS });
  } catch {
    return refuse(c, 400, "This is not a valid WebSocket handshake");
  }
  const { socket, response } = upgraded;
  hub.accept(socket, {
    userId: ctx.user.id,
    tenantId: ctx.tenant.id,
    sessionHash: ctx.sessionHash,
    expiresAt: ctx.sessionExpiresAt,
    address: clientAddress(c, config.trustedProxies),
  });
  return response;
}
