/**
 * Which failed statements may be sent again. postgres.js 3.4.9 keeps the FATAL error that ended
 * a session during a statement (57P01 `admin_shutdown`: a stop or `pg_terminate_backend`; 57P02
 * `crash_shutdown`) and hands it, once, to the first statement sent after that pooled connection
 * reconnects, which never reaches the server. The statement the session was running when it
 * ended was rolled back with it. Either way nothing ran, so sending it again is safe.
 *
 * @module
 */
import { DatabaseUnavailableError } from "./unavailable.ts";

const ENDED_SESSION_CODES = new Set(["57P01", "57P02"]);

/**
 * Whether `error` says the statement's session ended under it, so the statement did not run.
 *
 * @example
 * ```ts
 * const ended = Object.assign(new Error("terminating connection due to administrator command"), {
 *   code: "57P01",
 * });
 * isEndedSession(ended); // true
 * ```
 */
export function isEndedSession(error: unknown): boolean {
  const cause = error instanceof DatabaseUnavailableError ? error.cause : error;
  const code = (cause as { code?: unknown } | null | undefined)?.code;
  return typeof code === "string" && ENDED_SESSION_CODES.has(code);
}
