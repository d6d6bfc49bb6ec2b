/**
 * The one error a caller sees when the database cannot serve a statement, whatever the
 * driver reported: routes map it to `503 Service Unavailable` with `Retry-After`
 * (DESIGN.md, invariant 4).
 *
 * @module
 */

/**
 * Why the database could not serve:
 * - `refused`: a new connection was refused (server down or starting, role not allowed to log in,
 *   too many connections);
 * - `lost`: the connection broke while the statement ran (server stopped, crashed, reset);
 * - `timeout`: no answer in time, from a server that may be hung or unreachable;
 * - `overloaded`: the server answered, but the statement ran past its timeout, or no connection
 *   of the pool came free in time;
 * - `down`: not tried: the database failed moments ago and has not answered a probe since;
 * - `closed`: the connection was closed by this process.
 */
export type UnavailableReason = "refused" | "lost" | "timeout" | "overloaded" | "down" | "closed";

/** Options of {@linkcode DatabaseUnavailableError}. */
export interface DatabaseUnavailableOptions {
  /** The driver's error, when there was one. */
  cause?: unknown;
  /** Seconds after which a retry may succeed, for `Retry-After`. Default 1. */
  retryAfterSeconds?: number;
}

/**
 * The database could not serve a statement. Whether a write that failed with `timeout` or `lost`
 * was committed is unknown; the other reasons mean it was not.
 *
 * @example
 * ```ts
 * const error = new DatabaseUnavailableError("refused", "connection refused");
 * error.message; // "Cannot reach the database: connection refused"
 * error.retryAfterSeconds; // 1
 * ```
 */
export class DatabaseUnavailableError extends Error {
  override name = "DatabaseUnavailableError";
  /** Why the database could not serve. */
  readonly reason: UnavailableReason;
  /** Seconds after which a retry may succeed, for `Retry-After`. */
  readonly retryAfterSeconds: number;
  /** What happened, without the "Cannot reach the database: " in front. */
  readonly detail: string;

  /**
   * @param reason Why the database could not serve.
   * @param detail What happened, in a few words, after "Cannot reach the database: ".
   * @param options The driver's error and the retry hint.
   */
  constructor(reason: UnavailableReason, detail: string, options: DatabaseUnavailableOptions = {}) {
    super(`Cannot reach the database: ${detail}`, { cause: options.cause });
    this.reason = reason;
    this.detail = detail;
    this.retryAfterSeconds = options.retryAfterSeconds ?? 1;
  }

  /** Whether this failure says something about the server (so it counts towards "down"). */
  get blamesServer(): boolean {
    return this.reason === "refused" || this.reason === "lost" || this.reason === "timeout";
  }
}

/** Socket errors from Node's `net` and the driver's own connection error codes. */
const CONNECTION_CODES: Record<string, [UnavailableReason, string]> = {
  ECONNREFUSED: ["refused", "connection refused"],
  ECONNRESET: ["lost", "connection reset"],
  EPIPE: ["lost", "connection broken"],
  ETIMEDOUT: ["timeout", "connection timed out"],
  EHOSTUNREACH: ["refused", "host unreachable"],
  ENETUNREACH: ["refused", "network unreachable"],
  ENOTFOUND: ["refused", "host not found"],
  EAI_AGAIN: ["refused", "host name lookup failed"],
  CONNECT_TIMEOUT: ["timeout", "connecting timed out"],
  CONNECTION_CLOSED: ["lost", "connection closed"],
  CONNECTION_DESTROYED: ["closed", "connection closed by this process"],
  CONNECTION_ENDED: ["closed", "connection closed by this process"],
};

/** SQLSTATE codes (PostgreSQL's appendix A) that mean "not now", not "wrong statement". */
const SQLSTATE_REASONS: Record<string, UnavailableReason> = {
  "57P01": "lost", // admin_shutdown
  "57P02": "lost", // crash_shutdown
  "57P03": "refused", // cannot_connect_now: starting up or shutting down
  "57014": "overloaded", // query_canceled: statement_timeout
  "53300": "refused", // too_many_connections
  "28000": "refused", // invalid_authorization_specification: NOLOGIN, pg_hba
  "28P01": "refused", // invalid_password
};

/**
 * The {@linkcode DatabaseUnavailableError} a driver error stands for, or `null` when the error is
 * about the statement itself (a constraint, a syntax error), which a retry would not cure.
 *
 * @example
 * ```ts
 * const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), {
 *   code: "ECONNREFUSED",
 * });
 * asUnavailable(refused)?.reason; // "refused"
 * asUnavailable(new Error("syntax error")); // null
 * ```
 */
export function asUnavailable(error: unknown): DatabaseUnavailableError | null {
  if (error instanceof DatabaseUnavailableError) return error;
  if (!(error instanceof Error)) return null;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== "string") return null;
  const known = CONNECTION_CODES[code];
  if (known) return new DatabaseUnavailableError(known[0], known[1], { cause: error });
  const reason = SQLSTATE_REASONS[code] ?? (code.startsWith("08") ? "lost" : undefined);
  if (reason === undefined) return null;
  return new DatabaseUnavailableError(reason, lowerFirst(error.message), { cause: error });
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
