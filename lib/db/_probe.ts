/**
 * The check that tells a database counted as down is back: a fresh connection and `SELECT 1`.
 * A fresh one, because it is new connections that the pool needs to work again.
 *
 * @module
 */
import postgres from "postgres";
import { Deadline } from "./_deadline.ts";
import { asUnavailable, DatabaseUnavailableError } from "./unavailable.ts";

/**
 * Connects to `url` and runs `SELECT 1`, within `timeoutMs`.
 *
 * @throws {DatabaseUnavailableError} When the server does not answer.
 * @example
 * ```ts ignore
 * await probeServer("postgres://app@127.0.0.1:5432/app", 1000);
 * ```
 */
export async function probeServer(url: string, timeoutMs: number): Promise<void> {
  const sql = postgres(url, {
    max: 1,
    connect_timeout: timeoutMs / 1000,
    idle_timeout: 0,
    max_lifetime: null,
    fetch_types: false,
    onnotice: () => {},
    connection: { application_name: "beacon-probe" },
  });
  const deadline = new Deadline(
    timeoutMs,
    () => new DatabaseUnavailableError("timeout", `no answer within ${timeoutMs} ms`),
  );
  try {
    await deadline.race(sql.unsafe("SELECT 1"));
  } catch (error) {
    throw asUnavailable(error) ?? error;
  } finally {
    deadline.clear();
    await sql.end({ timeout: 0 }).catch(() => {});
  }
}
