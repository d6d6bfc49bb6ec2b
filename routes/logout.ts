/**
 * `POST /logout`: ends the session and clears its cookie.
 *
 * @module
 */
import type { Handlers } from "../lib/app/deps.ts";
import { clearSessionCookie, readSessionToken } from "../lib/http/session.ts";
import { isHttps } from "../lib/http/client_address.ts";
import { revokeSession } from "../lib/db/accounts.ts";

/** The sign-out handler. */
export const handler: Handlers = {
  async POST(c) {
    const { db, hasher, writeThrough } = c.var.deps;
    const token = readSessionToken(c);
    // Through the write path, so this instance forgets the session before answering: the old
    // cookie's next request, here or anywhere the notification has reached, is signed out.
    if (token) await writeThrough(() => revokeSession(db, hasher.hash(token)));
    clearSessionCookie(c, { secure: isHttps(c, c.var.deps.config.trustedProxies) });
    return c.redirect("/login", 303);
  },
};
