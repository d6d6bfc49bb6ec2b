/**
 * Session ids: random 256-bit tokens in an HttpOnly cookie, stored only as an HMAC.
 *
 * @module
 */
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import { createHmac } from "node:crypto";

/** The session cookie's name. */
export const SESSION_COOKIE = "beacon_session";

/** How long a session lasts: 7 days. */
export const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Turns session tokens into the hashes stored in the database. */
export class SessionHasher {
  #secret: string;
  #recent = new Map<string, string>();

  /** @param secret `SESSION_SECRET`; any string, the same on every instance. */
  constructor(secret: string) {
    this.#secret = secret;
  }

  /**
   * The stored form of a token: hex HMAC-SHA-256. Recent tokens are remembered, since every
   * request of a session hashes the same one and the HMAC is the costliest step of a 304.
   */
  hash(token: string): string {
    let hash = this.#recent.get(token);
    if (hash === undefined) {
      hash = createHmac("sha256", this.#secret).update(token).digest("hex");
      if (this.#recent.size >= 10_000) this.#recent.clear();
      this.#recent.set(token, hash);
    }
    return hash;
  }
}

/** A new random token: 32 bytes, base64url. */
export function newSessionToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_")
    .replace(/=+$/, "");
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The session token the request carries, if it has the right shape. */
export function readSessionToken(c: Context): string | null {
  return sessionTokenFrom(c.req.raw.headers.get("cookie"));
}

/**
 * The session token in a `Cookie` header, if it has the right shape: the value of the first
 * `beacon_session` pair (a token needs no decoding).
 */
export function sessionTokenFrom(cookie: string | null): string | null {
  const token = sessionCookieValue(cookie);
  return token !== null && TOKEN.test(token) ? token : null;
}

/**
 * The `beacon_session` value of a `Cookie` header, unchecked: for lookups among tokens that
 * were checked when they were stored, where a malformed value simply finds nothing.
 */
export function sessionCookieValue(cookie: string | null): string | null {
  if (cookie === null || !cookie.includes(SESSION_COOKIE)) return null;
  for (const pair of cookie.split(";")) {
    const eq = pair.indexOf("=");
    if (eq === -1 || pair.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    const token = pair.slice(eq + 1).trim();
    return token.length === 45 && token[0] === '"' && token[44] === '"'
      ? token.slice(1, -1)
      : token;
  }
  return null;
}

/** How a session cookie is written. */
export interface SessionCookieOptions {
  /** Whether the client came over HTTPS (see `isHttps` in `client_address.ts`): `Secure`. */
  secure: boolean;
}

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure behind HTTPS. */
export function writeSessionCookie(c: Context, token: string, options: SessionCookieOptions): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: options.secure,
    path: "/",
    maxAge: SESSION_TTL_MS / 1000,
  });
}

/** Clears the session cookie. */
export function clearSessionCookie(c: Context, options: SessionCookieOptions): void {
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure: options.secure, httpOnly: true });
}

/** The variable the signed-in session travels in. */
export interface SessionEnv<T> {
  Variables: {
    /** What `load` gave for the request's session; null for a visitor. */
    session: T | null;
  };
}

/** Options of {@linkcode session}. */
export interface SessionOptions<T> {
  /** Turns the cookie's token into the hash sessions are stored under. */
  hasher: SessionHasher;
  /**
   * Loads what a session hash stands for (the signed-in user's context), or null when there is
   * no such session. It may answer synchronously, which keeps a warm request off the event loop.
   */
  load(hash: string): T | null | Promise<T | null>;
}

/**
 * Reads the session cookie and sets `c.var.session` to what `options.load` gives for it, or
 * null for a request without a well-formed session cookie.
 *
 * @example
 * ```ts ignore
 * app.use(session({ hasher, load: (hash) => contexts.get(hash) ?? null }));
 * app.get("/", (c) => c.text(c.var.session ? "signed in" : "visitor"));
 * ```
 */
export function session<T>(options: SessionOptions<T>): MiddlewareHandler<SessionEnv<T>> {
  const { hasher, load } = options;
  return function session(c, next) {
    const token = readSessionToken(c);
    if (!token) {
      c.set("session", null);
      return next();
    }
    const loaded = load(hasher.hash(token));
    if (!(loaded instanceof Promise)) {
      c.set("session", loaded);
      return next();
    }
    return loaded.then((value) => {
      c.set("session", value);
      return next();
    });
  };
}
