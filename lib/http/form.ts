/**
 * Reading what a client sent: a form body as plain strings, and whether it wants JSON.
 *
 * @module
 */
import type { Context } from "hono";
import { HttpError } from "./errors.ts";

/**
 * Whether the client asked for JSON (an island's `fetch`, or any `/api/` path) rather than a
 * page.
 *
 * @example
 * ```ts ignore
 * if (wantsJson(c)) return c.json(body);
 * return c.redirect(back, 303);
 * ```
 */
export function wantsJson(c: Context): boolean {
  return c.req.path.startsWith("/api/") ||
    (c.req.header("accept") ?? "").includes("application/json");
}

/**
 * Reads a form body as plain strings (the first value of a repeated field; files left out).
 *
 * @throws {HttpError} 415 when the body is not a form, 400 when it cannot be read.
 * @example
 * ```ts ignore
 * const fields = await formFields(c);
 * fields.status; // "done"
 * ```
 */
export async function formFields(c: Context): Promise<Record<string, string>> {
  const type = c.req.header("content-type") ?? "";
  if (
    !type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")
  ) {
    throw new HttpError(415, "Send the form as application/x-www-form-urlencoded");
  }
  let body: Record<string, string | File | (string | File)[]>;
  try {
    body = await c.req.parseBody({ all: true });
  } catch {
    throw new HttpError(400, "The form could not be read");
  }
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === "string") fields[key] = first;
  }
  return fields;
}
