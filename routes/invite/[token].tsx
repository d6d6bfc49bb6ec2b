/**
 * A one-time sign-in link: `GET /invite/:token` asks the new person for a password, and
 * `POST /invite/:token` (`password`) sets it, spends the link and signs them in (303 to `/`).
 * A link that is unknown, used or past its 24 hours says so (410), and signs nobody in.
 *
 * @module
 */
import type { Context } from "hono";
import { z } from "zod";
import type { AppEnv, Handlers } from "../../lib/app/deps.ts";
import { page } from "../../lib/app/respond.ts";
import { isHttps } from "../../lib/http/client_address.ts";
import { HttpError } from "../../lib/http/errors.ts";
import { formFields } from "../../lib/http/form.ts";
import { newSessionToken, SESSION_TTL_MS, writeSessionCookie } from "../../lib/http/session.ts";
import { insertSession } from "../../lib/db/accounts.ts";
import { findInvitation, redeemInvitation } from "../../lib/db/invitations.ts";
import { Layout } from "../_layout.tsx";

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

const schema = z.object({
  password: z.string("Choose a password").min(10, "Use at least 10 characters").max(
    1024,
    "Keep it under 1,024 characters",
  ),
});

const GONE: Record<"unknown" | "used" | "expired", string> = {
  unknown: "This sign-in link is not valid. Ask an owner for a new one.",
  used: "This sign-in link was used already. Sign in with your password.",
  expired: "This sign-in link has expired (links last 24 hours). Ask an owner for a new one.",
};

function tokenOf(c: Context<AppEnv>): string {
  const token = c.req.param("token") ?? "";
  if (!TOKEN.test(token)) throw new HttpError(404, GONE.unknown);
  return token;
}

/** The sign-in link handlers. */
export const handler: Handlers = {
  async GET(c) {
    const token = tokenOf(c);
    const invitation = await findInvitation(c.var.deps.db, token);
    if (!invitation.ok) throw new HttpError(410, GONE[invitation.reason]);
    // The link is a secret: the page is kept nowhere.
    return page(
      c,
      <InvitePage
        action={`/invite/${token}`}
        email={invitation.email}
        name={invitation.name}
        tenant={invitation.tenantName}
      />,
      200,
      undefined,
      { noStore: true },
    );
  },

  async POST(c) {
    const token = tokenOf(c);
    const { db, hasher, config } = c.var.deps;
    const parsed = schema.safeParse(await formFields(c));
    if (!parsed.success) {
      const invitation = await findInvitation(db, token);
      if (!invitation.ok) throw new HttpError(410, GONE[invitation.reason]);
      const error = parsed.error.issues[0].message;
      return page(
        c,
        <InvitePage
          action={`/invite/${token}`}
          email={invitation.email}
          name={invitation.name}
          tenant={invitation.tenantName}
          error={error}
        />,
        422,
      );
    }
    const redeemed = await redeemInvitation(db, token, parsed.data.password);
    if (!redeemed.ok) throw new HttpError(410, GONE[redeemed.reason]);
    const session = newSessionToken();
    await insertSession(db, {
      idHash: hasher.hash(session),
      userId: redeemed.userId,
      tenantId: redeemed.tenantId,
      expiresAt: new Date(Date.now() + SESSION_TTL_MS).toISOString(),
    });
    writeSessionCookie(c, session, { secure: isHttps(c, config.trustedProxies) });
    return c.redirect("/", 303);
  },
};

/** Properties of {@linkcode InvitePage}. */
export interface InvitePageProps {
  action: string;
  email: string;
  name: string;
  tenant: string;
  error?: string;
}

/**
 * The page that turns a sign-in link into a password.
 *
 * @example
 * ```tsx
 * render(<InvitePage action="/invite/abc" email="ann@acme.test" name="Ann" tenant="Acme" />);
 * ```
 */
export function InvitePage(props: InvitePageProps) {
  return (
    <Layout title="Welcome">
      <div class="login">
        <section class="card login__card" aria-labelledby="invite-title">
          <h1 id="invite-title">Welcome to {props.tenant}, {props.name}</h1>
          <p>
            Choose a password for <strong>{props.email}</strong> to sign in.
          </p>
          {props.error && <div class="form-alert" role="alert">{props.error}</div>}
          <form method="post" action={props.action} class="stack">
            <input type="hidden" name="email" value={props.email} autocomplete="username" />
            <div class="field">
              <label for="invite-password">New password</label>
              <input
                id="invite-password"
                name="password"
                type="password"
                autocomplete="new-password"
                minLength={10}
                required
                autofocus
              />
              <p class="hint">At least 10 characters.</p>
            </div>
            <button type="submit" class="button button--primary">Set password and sign in</button>
          </form>
        </section>
      </div>
    </Layout>
  );
}
