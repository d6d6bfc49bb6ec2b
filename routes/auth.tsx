/**
 * Sign-in and sign-out: `GET /login`, `POST /login`, `POST /logout`.
 *
 * @module
 */
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../lib/app/deps.ts";
import { formFields, page } from "../lib/http/respond.ts";
import { DUMMY_HASH, verifyPassword } from "../lib/db/password.ts";
import {
  clearSessionCookie,
  newSessionToken,
  readSessionToken,
  SESSION_TTL_MS,
  writeSessionCookie,
} from "../lib/http/session.ts";
import { findLoginCandidate, insertSession, revokeSession } from "../lib/db/accounts.ts";
import { LoginPage } from "./login.tsx";

const loginForm = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email("Enter a valid email address")),
  password: z.string().min(1, "Enter your password").max(1024),
  next: z.string().optional(),
});

/** A local path to go to after signing in; anything else goes home. */
export function safeNext(next: string | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  return next;
}

/** The sign-in routes. */
export const authRoutes = new Hono<AppEnv>();

authRoutes.get("/login", (c) => {
  if (c.var.ctx) return c.redirect("/", 303);
  return page(c, <LoginPage next={c.req.query("next")} />);
});

authRoutes.post("/login", async (c) => {
  const { db, throttle, hasher } = c.var.deps;
  const fields = await formFields(c);
  const parsed = loginForm.safeParse(fields);
  if (!parsed.success) {
    const message = parsed.error.issues[0].message;
    return page(c, <LoginPage email={fields.email} error={message} next={fields.next} />, 422);
  }
  const { email, password, next } = parsed.data;
  const wait = throttle.retryAfter(email);
  if (wait > 0) {
    c.header("Retry-After", String(wait));
    const error = `Too many failed sign-ins. Try again in ${wait} seconds.`;
    return page(c, <LoginPage email={email} error={error} next={next} />, 429);
  }
  const candidate = await findLoginCandidate(db, email);
  const ok = await verifyPassword(password, candidate?.passwordHash ?? DUMMY_HASH);
  if (!candidate || !ok || !candidate.tenantId) {
    throttle.fail(email);
    const error = "The email or password is not right.";
    return page(c, <LoginPage email={email} error={error} next={next} />, 401);
  }
  throttle.reset(email);
  const token = newSessionToken();
  await insertSession(db, {
    idHash: hasher.hash(token),
    userId: candidate.id,
    tenantId: candidate.tenantId,
    expiresAt: new Date(Date.now() + SESSION_TTL_MS).toISOString(),
  });
  writeSessionCookie(c, token);
  return c.redirect(safeNext(next), 303);
});

authRoutes.post("/logout", async (c) => {
  const { db, hasher, afterWrite } = c.var.deps;
  const token = readSessionToken(c);
  if (token) {
    await revokeSession(db, hasher.hash(token));
    // This instance forgets the session before answering, so the old cookie's next request,
    // here or anywhere the notification has reached, is signed out.
    await afterWrite();
  }
  clearSessionCookie(c);
  return c.redirect("/login", 303);
});
