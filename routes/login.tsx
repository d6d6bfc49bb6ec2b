/**
 * Signing in: `GET /login` shows the form, `POST /login` (`email`, `password`) starts a session
 * and answers 303 with an HttpOnly, SameSite=Lax session cookie.
 *
 * @module
 */
import { z } from "zod";
import type { Context } from "hono";
import type { AppEnv, Handlers } from "../lib/app/deps.ts";
import { page } from "../lib/app/respond.ts";
import { formFields } from "../lib/http/form.ts";
import { newSessionToken, SESSION_TTL_MS, writeSessionCookie } from "../lib/http/session.ts";
import { clientAddress, isHttps } from "../lib/http/client_address.ts";
import { type AttemptScope, attemptSucceeded, reserveAttempt } from "../lib/db/login_attempts.ts";
import { DUMMY_HASH, verifyPassword } from "../lib/db/password.ts";
import { findLoginCandidate, insertSession } from "../lib/db/accounts.ts";
import { DEMO_SIGN_INS, type DemoSignIn } from "../lib/db/demo_sign_ins.ts";
import { DEMO_PASSWORD } from "../lib/db/demo_data.ts";
import { Layout } from "./_layout.tsx";

const loginForm = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email("Enter a valid email address")),
  password: z.string().min(1, "Enter your password").max(1024),
  next: z.string().optional(),
});

// One leading slash, then no second slash or backslash at once, and no control characters or
// backslashes anywhere (browsers read `/\` and `/<TAB>/` as the start of another host).
// deno-lint-ignore no-control-regex -- control characters are what it refuses
const LOCAL_PATH = /^\/(?![/\\])[^\\\u0000-\u001f\u007f]*$/;

/**
 * A same-origin path to go to after signing in; anything else goes home.
 *
 * @example
 * ```ts
 * safeNext("/projects/1?tab=log"); // "/projects/1?tab=log"
 * safeNext("/\t/evil.example"); // "/"
 * ```
 */
export function safeNext(next: string | undefined): string {
  if (!next || !LOCAL_PATH.test(next)) return "/";
  // What the browser would resolve it to must stay on this origin.
  const base = "http://beacon.invalid";
  return new URL(next, base).origin === base ? next : "/";
}

/** Failures allowed per email, and per client address, before attempts must wait. */
const EMAIL_LIMIT = 5;
const ADDRESS_LIMIT = 20;

/** The counters of a sign-in attempt: its email's, and its client address's when known. */
function attemptScopes(email: string, address: string | null): AttemptScope[] {
  const scopes = [{ scope: "email", key: email, limit: EMAIL_LIMIT }];
  if (address) scopes.push({ scope: "address", key: address, limit: ADDRESS_LIMIT });
  return scopes;
}

/** The demo accounts, when they are to be listed. */
function demoOf(c: Context<AppEnv>): readonly DemoSignIn[] | undefined {
  return c.var.deps.demoSignIns ? DEMO_SIGN_INS : undefined;
}

/** The sign-in handlers. */
export const handler: Handlers = {
  GET(c) {
    if (c.var.session) return c.redirect("/", 303);
    return page(c, <LoginPage next={c.req.query("next")} demo={demoOf(c)} />);
  },

  async POST(c) {
    const { db, hasher, config } = c.var.deps;
    const fields = await formFields(c);
    const parsed = loginForm.safeParse(fields);
    if (!parsed.success) {
      const message = parsed.error.issues[0].message;
      return page(
        c,
        <LoginPage email={fields.email} error={message} next={fields.next} demo={demoOf(c)} />,
        422,
      );
    }
    const { email, password, next } = parsed.data;
    const address = clientAddress(c, config.trustedProxies);
    const scopes = attemptScopes(email, address);
    // Counted before the password is checked, so parallel guesses cannot all be checked.
    const wait = await reserveAttempt(db, scopes);
    if (wait > 0) {
      c.header("Retry-After", String(wait));
      const error = `Too many failed sign-ins. Try again in ${wait} seconds.`;
      return page(c, <LoginPage email={email} error={error} next={next} demo={demoOf(c)} />, 429);
    }
    const candidate = await findLoginCandidate(db, email);
    const ok = await verifyPassword(password, candidate?.passwordHash ?? DUMMY_HASH);
    if (!candidate || !ok || !candidate.tenantId) {
      const error = "The email or password is not right.";
      return page(c, <LoginPage email={email} error={error} next={next} demo={demoOf(c)} />, 401);
    }
    await attemptSucceeded(db, scopes[0], ...scopes.slice(1));
    const token = newSessionToken();
    const session = {
      idHash: hasher.hash(token),
      userId: candidate.id,
      tenantId: candidate.tenantId,
      expiresAt: new Date(Date.now() + SESSION_TTL_MS).toISOString(),
    };
    await insertSession(db, session);
    // The page this redirects to reads the context: filled now, it is a hit.
    await c.var.deps.loaders.warmContext(session);
    writeSessionCookie(c, token, { secure: isHttps(c, c.var.deps.config.trustedProxies) });
    return c.redirect(safeNext(next), 303);
  },
};

/** Properties of {@linkcode LoginPage}. */
export interface LoginPageProps {
  /** The e-mail address entered before, kept after a failed attempt. */
  email?: string;
  /** Why the last attempt failed. */
  error?: string;
  /** Where to go after signing in; posted back as a hidden field. */
  next?: string;
  /** The demo accounts to list; only with the demo data on the embedded database. */
  demo?: readonly DemoSignIn[];
}

/**
 * A full sign-in document: a form posting `email` and `password` to `/login`.
 *
 * @example
 * ```tsx
 * render(<LoginPage email="ada@acme.test" error="Wrong e-mail or password" />);
 * ```
 */
export function LoginPage(props: LoginPageProps) {
  return (
    <Layout title="Sign in">
      <div class="login">
        <section class="card login__card" aria-labelledby="login-title">
          <h1 id="login-title">Sign in to Beacon</h1>
          {props.error && <div class="form-alert" role="alert">{props.error}</div>}
          <form method="post" action="/login" class="stack">
            {props.next && <input type="hidden" name="next" value={props.next} />}
            <div class="field">
              <label for="login-email">E-mail</label>
              <input
                id="login-email"
                name="email"
                type="email"
                autocomplete="username"
                required
                autofocus={!props.email}
                value={props.email ?? ""}
              />
            </div>
            <div class="field">
              <label for="login-password">Password</label>
              <input
                id="login-password"
                name="password"
                type="password"
                autocomplete="current-password"
                required
                autofocus={Boolean(props.email)}
              />
            </div>
            <button type="submit" class="button button--primary">Sign in</button>
          </form>
        </section>
        {props.demo && props.demo.length > 0 && (
          <aside class="card demo-logins" aria-labelledby="demo-title">
            <h2 id="demo-title">Demo logins</h2>
            <p>
              Every demo account uses the password <code>{DEMO_PASSWORD}</code>.
            </p>
            <TableDemo logins={props.demo} />
          </aside>
        )}
      </div>
    </Layout>
  );
}

function TableDemo(props: { logins: readonly DemoSignIn[] }) {
  return (
    <table class="table table--compact">
      <thead>
        <tr>
          <th scope="col">E-mail</th>
          <th scope="col">Organisation</th>
          <th scope="col">Role</th>
        </tr>
      </thead>
      <tbody>
        {props.logins.map((login) => (
          <tr key={login.email}>
            <td>
              <code>{login.email}</code>
            </td>
            <td>{login.tenant}</td>
            <td>{login.role}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
