/**
 * Whether the demo accounts are there to sign in with.
 *
 * @module
 */
import type { Queryable } from "./connection.ts";
import { DEMO_TENANTS } from "./demo_data.ts";

/** A demo account as the sign-in page lists it. */
export interface DemoSignIn {
  email: string;
  tenant: string;
  role: string;
}

/** Every demo account. */
export const DEMO_SIGN_INS: readonly DemoSignIn[] = DEMO_TENANTS.flatMap((tenant) =>
  tenant.users.map((user) => ({ email: user.email, tenant: tenant.name, role: user.role }))
);

/**
 * Whether every demo account exists in the database (the demo data was loaded).
 *
 * @example
 * ```ts ignore
 * if (await demoSignInsPresent(db)) console.log("Sign in as ada@acme.test");
 * ```
 */
export async function demoSignInsPresent(db: Queryable): Promise<boolean> {
  const emails = DEMO_SIGN_INS.map((login) => login.email);
  const [row] = await db.query<{ n: unknown }>(
    "SELECT count(*)::int AS n FROM users WHERE email = ANY($1::text[])",
    [emails],
  );
  return Number(row.n) === emails.length;
}
