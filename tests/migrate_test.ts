import assert from "node:assert/strict";
import { createTestDb } from "./_db.ts";
import { migrate, readMigrations, splitStatements } from "../lib/db/migrate.ts";

for (const kind of ["postgres", "pglite"] as const) {
  Deno.test(`migrate() applies each migration once and re-runs as a no-op (${kind})`, async () => {
    const t = await createTestDb({ kind, migrate: false, seed: false });
    try {
      const all = await readMigrations();
      const first = await migrate(t.db);
      assert.deepEqual(first.map((m) => m.version), all.map((m) => m.version));
      const second = await migrate(t.db);
      assert.deepEqual(second, []);
      const rows = await t.db.query<{ version: number }>(
        "SELECT version FROM schema_migrations ORDER BY version",
      );
      assert.deepEqual(rows.map((r) => r.version), all.map((m) => m.version));
    } finally {
      await t.drop();
    }
  });
}

Deno.test("migrate() on two instances at once applies each migration once", async () => {
  const t = await createTestDb({ migrate: false, seed: false, max: 4 });
  try {
    const [a, b] = await Promise.all([migrate(t.db), migrate(t.db)]);
    const all = await readMigrations();
    assert.equal(a.length + b.length, all.length);
  } finally {
    await t.drop();
  }
});

Deno.test("migrate() rolls back a failing migration and records nothing of it", async () => {
  const t = await createTestDb({ kind: "pglite", migrate: false, seed: false });
  try {
    const broken = [{ version: 1, name: "broken", sql: "CREATE TABLE a (x int); SELECT nope;" }];
    await assert.rejects(() => migrate(t.db, broken));
    const tables = await t.db.query("SELECT 1 FROM pg_tables WHERE tablename = 'a'");
    assert.equal(tables.length, 0);
    const recorded = await t.db.query("SELECT 1 FROM schema_migrations");
    assert.equal(recorded.length, 0);
  } finally {
    await t.drop();
  }
});

Deno.test("splitStatements() keeps semicolons inside quotes and dollar-quoted bodies", () => {
  const sql = `CREATE TABLE t (x text DEFAULT 'a;b'); -- c;
CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;
/* ; */ SELECT 2`;
  assert.deepEqual(splitStatements(sql).length, 3);
});
