import assert from "node:assert/strict";
import {
  generateCacheVersionsMigration,
  generateTruncateMigration,
  MIGRATION_FILE,
  TRUNCATE_MIGRATION_FILE,
} from "./gen_triggers.ts";

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
