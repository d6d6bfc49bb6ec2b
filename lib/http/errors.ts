/**
 * The one error type handlers throw; the error boundary renders it as a page or as JSON.
 *
 * @module
 */

/** An error with an HTTP status and a message that is safe to show. */
export class HttpError extends Error {
  override name = "HttpError";
  /** The HTTP status, 4xx or 5xx. */
  readonly status: number;
  /** Extra headers for the response, for example `Retry-After`. */
  readonly headers: Record<string, string>;

  /**
   * @example
   * ```ts
   * throw new HttpError(404, "Project not found");
   * ```
   */
  constructor(status: number, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.headers = headers;
  }
}

/** Throws a 404 unless `value` is present; narrows its type. */
export function found<T>(value: T | null | undefined, what = "Page"): T {
  if (value === null || value === undefined) throw new HttpError(404, `${what} not found`);
  return value;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Returns the id in lower case when it is a UUID; anything else is a 404 (no such page). */
export function uuidParam(value: string | undefined, what = "Page"): string {
  if (!value || !UUID.test(value)) throw new HttpError(404, `${what} not found`);
  return value.toLowerCase();
}
