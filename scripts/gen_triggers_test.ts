import assert from "node:assert/strict";
import {
  generateCacheVersionsMigration,
  generatedMigrations,
  generateTruncateMigration,
  laterTriggersFile,
  MIGRATION_FILE,
  relationshipsOf,
  TRUNCATE_MIGRATION_FILE,
} from "./gen_triggers.ts";
import { RELATIONSHIPS, TRIGGERS_SINCE } from "../lib/db/relationships.ts";

Deno.test("the committed 002_cache_versions.sql equals the generator's output", async () => {
  const committed = await Deno.readTextFile(MIGRATION_FILE);
  assert.equal(
    committed,
    generateCacheVersionsMigration(),
    "migrations/002_cache_versions.sql is stale: run `deno run -A scripts/gen_triggers.ts`",
  );
});

Deno.test("generateCacheVersionsMigration() gives every mapped table both triggers", () => {
  const sql = generateCacheVersionsMigration({
    gadgets: [{ kind: "project", column: "project_id", tenantColumn: "tenant_id" }],
  });
  assert.match(sql, /CREATE TRIGGER beacon_collect AFTER INSERT OR UPDATE OR DELETE ON gadgets/);
  assert.match(
    sql,
    /CREATE CONSTRAINT TRIGGER beacon_flush [^;]+ON gadgets\s+DEFERRABLE INITIALLY DEFERRED/,
  );
  assert.match(
    sql,
    /beacon_collect_topic\('project:' \|\| OLD\.project_id::text, OLD\.tenant_id\)/,
  );
});

Deno.test("generateCacheVersionsMigration() refuses names that are not plain identifiers", () => {
  assert.throws(
    () => generateCacheVersionsMigration({ "x; DROP": [] }),
    /table "x; DROP" is not a plain identifier/,
  );
});

Deno.test("the committed 003_truncate_invalidation.sql equals the generator's output", async () => {
  assert.equal(
    await Deno.readTextFile(TRUNCATE_MIGRATION_FILE),
    generateTruncateMigration(),
    "migrations/003_truncate_invalidation.sql is stale: run `deno run -A scripts/gen_triggers.ts`",
  );
});

Deno.test("generateTruncateMigration() collects every rule's topics before a TRUNCATE", () => {
  const sql = generateTruncateMigration({
    gadgets: [
      { kind: "project", column: "project_id", tenantColumn: "tenant_id" },
      { kind: "projects", column: "tenant_id", tenantColumn: "tenant_id" },
    ],
  });
  assert.match(sql, /CREATE TRIGGER beacon_truncate BEFORE TRUNCATE ON gadgets/);
  assert.match(
    sql,
    /SELECT DISTINCT 'project:' \|\| r\.project_id::text, r\.tenant_id FROM gadgets r/,
  );
  assert.match(
    sql,
    /SELECT DISTINCT 'projects:' \|\| r\.tenant_id::text, r\.tenant_id FROM gadgets r/,
  );
});

Deno.test("every committed generated migration equals the generator's output", async () => {
  for (const [file, sql] of generatedMigrations()) {
    const name = file.pathname.split("/").at(-1);
    const committed = await Deno.readTextFile(file).catch(() => "");
    assert.equal(committed, sql, `migrations/${name} is stale: run scripts/gen_triggers.ts`);
  }
});

Deno.test("tables added later get their triggers in their own migration, not in 002/003", () => {
  const map = {
    old: [{ kind: "project" as const, column: "project_id", tenantColumn: "tenant_id" }],
    gadgets: [{ kind: "members" as const, column: "tenant_id", tenantColumn: "tenant_id" }],
  };
  const files = generatedMigrations(map, { gadgets: 7 });
  const names = files.map(([file]) => file.pathname.split("/").at(-1));
  assert.deepEqual(names, [
    "002_cache_versions.sql",
    "003_truncate_invalidation.sql",
    "007_cache_triggers.sql",
  ]);
  const [[, rows], [, truncates], [, later]] = files;
  assert.match(rows, /ON old\n/);
  assert.doesNotMatch(rows + truncates, /gadgets/);
  assert.doesNotMatch(later, /CREATE FUNCTION beacon_flush_topics|ON old\b/);
  assert.match(later, /CREATE TRIGGER beacon_collect AFTER INSERT OR UPDATE OR DELETE ON gadgets/);
  assert.match(later, /CREATE CONSTRAINT TRIGGER beacon_flush [^;]+ON gadgets/);
  assert.match(later, /CREATE TRIGGER beacon_truncate BEFORE TRUNCATE ON gadgets/);
  assert.match(later, /'members:' \|\| NEW\.tenant_id::text/);
});

Deno.test("the app's 002 and 003 hold no table that TRIGGERS_SINCE moved later", () => {
  const first = Object.keys(relationshipsOf(2));
  for (const table of Object.keys(TRIGGERS_SINCE)) {
    assert.ok(!first.includes(table), `${table} is in 002`);
    assert.ok(table in RELATIONSHIPS, `${table} is not in RELATIONSHIPS`);
  }
  assert.throws(() => laterTriggersFile(3), /must be above 3/);
});
