/**
 * Test helpers: a fresh PostgreSQL database per run (on the server at `TEST_DATABASE_URL`,
 * default `postgres://postgres@127.0.0.1:5432/test`), or an in-memory PGlite.
 *
 * @module
 */
import postgres from "postgres";
import { connect, type Database } from "../lib/db/connection.ts";
import { migrate } from "../lib/db/migrate.ts";
import { seedDemo } from "../lib/db/seed.ts";

/** The server database tests create their own databases from. */
export const ADMIN_URL = Deno.env.get("TEST_DATABASE_URL") ??
  "postgres://postgres@127.0.0.1:5432/test";

/** The session key of test servers on a shared database (required with `DATABASE_URL`). */
export const TEST_SESSION_SECRET = "beacon-test-session-secret-0123456789";

/** A database made for one test file, with its URL (absent for PGlite) and a cleanup. */
export interface TestDb {
  db: Database;
  url?: string;
  name?: string;
  drop(): Promise<void>;
}

/** Options of {@linkcode createTestDb}. */
export interface TestDbOptions {
  /** `postgres` (default) creates a database on the server; `pglite` an in-memory one. */
  kind?: "postgres" | "pglite";
  /** Apply the migrations. Default true. */
  migrate?: boolean;
  /** Load the demo data (implies migrate). Default true. */
  seed?: boolean;
  /** Pool size. Default 4. */
  max?: number;
}

/**
 * Creates, migrates and seeds a database of its own for a test; `drop()` removes it.
 *
 * @example
 * ```ts
 * const t = await createTestDb();
 * try {
 *   await t.db.query("SELECT 1");
 * } finally {
 *   await t.drop();
 * }
 * ```
 */
export async function createTestDb(options: TestDbOptions = {}): Promise<TestDb> {
  const { kind = "postgres", seed = true, max = 4 } = options;
  const shouldMigrate = options.migrate ?? true;
  let db: Database;
  let url: string | undefined;
  let name: string | undefined;
  if (kind === "pglite") {
    db = await connect({ dataDir: "memory://" });
  } else {
    name = `beacon_test_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
    const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    const target = new URL(ADMIN_URL);
    target.pathname = `/${name}`;
    url = target.href;
    db = await connect({ url, max });
  }
  if (shouldMigrate || seed) await migrate(db.forMaintenance());
  if (seed) await seedDemo(db.forMaintenance());
  return {
    db,
    url,
    name,
    async drop() {
      await db.close();
      if (!name) return;
      const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
      try {
        await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}
