/**
 * The migrations runner: numbered SQL files in `migrations/`, each applied once in a
 * transaction and recorded in `schema_migrations`.
 *
 * @module
 */
import type { Db } from "./connection.ts";

const MIGRATIONS_DIR = new URL("../../migrations/", import.meta.url);
// Any constant works; it only has to be the same for every instance.
const LOCK_ID = 4_242_001;

/** A migration file. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Reads `migrations/NNN_name.sql` in order of their numbers. */
export async function readMigrations(dir: URL = MIGRATIONS_DIR): Promise<Migration[]> {
  const found: Migration[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const match = /^(\d+)_([a-z0-9_]+)\.sql$/.exec(entry.name);
    if (!entry.isFile || !match) continue;
    found.push({
      version: Number(match[1]),
      name: match[2],
      sql: await Deno.readTextFile(new URL(entry.name, dir)),
    });
  }
  found.sort((a, b) => a.version - b.version);
  for (let i = 1; i < found.length; i++) {
    if (found[i].version === found[i - 1].version) {
      throw new RangeError(`Two migrations have the number ${found[i].version}`);
    }
  }
  return found;
}

/**
 * Applies the migrations not yet recorded, each in its own transaction, holding an advisory
 * lock so that two instances starting together apply each one once.
 *
 * @returns The migrations applied now; empty when the schema was up to date.
 * @example
 * ```ts
 * import { connect } from "./connection.ts";
 * const db = await connect({ dataDir: "memory://" });
 * const applied = await migrate(db);
 * console.log(applied.map((m) => m.name));
 * await db.close();
 * ```
 */
export async function migrate(db: Db, migrations?: Migration[]): Promise<Migration[]> {
  const all = migrations ?? await readMigrations();
  await db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1)", [LOCK_ID]);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  });
  const applied: Migration[] = [];
  for (const migration of all) {
    const done = await db.transaction(async (tx) => {
      await tx.query("SELECT pg_advisory_xact_lock($1)", [LOCK_ID]);
      const rows = await tx.query("SELECT 1 FROM schema_migrations WHERE version = $1", [
        migration.version,
      ]);
      if (rows.length > 0) return false;
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await tx.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [
        migration.version,
        migration.name,
      ]);
      return true;
    });
    if (done) applied.push(migration);
  }
  return applied;
}

/**
 * Splits a SQL file into statements at semicolons outside quotes, comments and
 * dollar-quoted bodies, so each can run on the extended protocol inside a transaction.
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i];
    if (ch === "-" && sql[i + 1] === "-") {
      const end = sql.indexOf("\n", i);
      i = end === -1 ? sql.length : end + 1;
    } else if (ch === "/" && sql[i + 1] === "*") {
      const end = sql.indexOf("*/", i + 2);
      i = end === -1 ? sql.length : end + 2;
    } else if (ch === "'" || ch === '"') {
      const end = sql.indexOf(ch, i + 1);
      i = end === -1 ? sql.length : end + 1;
    } else if (ch === "$") {
      const tag = /^\$[A-Za-z_0-9]*\$/.exec(sql.slice(i))?.[0];
      if (tag) {
        const end = sql.indexOf(tag, i + tag.length);
        i = end === -1 ? sql.length : end + tag.length;
      } else i++;
    } else if (ch === ";") {
      pushStatement(statements, sql.slice(start, i));
      start = ++i;
    } else i++;
  }
  pushStatement(statements, sql.slice(start));
  return statements;
}

function pushStatement(statements: string[], text: string): void {
  const stripped = text.replace(/--[^\n]*/g, "").trim();
  if (stripped) statements.push(text.trim());
}
