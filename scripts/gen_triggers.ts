/**
 * Generates `migrations/002_cache_versions.sql` and `migrations/003_truncate_invalidation.sql`
 * from the relationship map in `lib/db/relationships.ts`, so the triggers cannot drift from the
 * topics the app reads. Tables added after 002 and 003 were applied name a later migration in
 * `TRIGGERS_SINCE`; their row and `TRUNCATE` triggers go to `migrations/<NNN>_cache_triggers.sql`.
 *
 * ```sh
 * deno run -A scripts/gen_triggers.ts          # rewrite the migrations
 * deno run -A scripts/gen_triggers.ts --check  # exit 1 when a committed file differs
 * ```
 *
 * Design: a row trigger on each mapped table only collects the topics of `OLD` and `NEW` into a
 * temporary table; a deferred constraint trigger flushes them at commit, taking the version
 * rows in one global order (by topic) so concurrent writers cannot deadlock (the Rails touch
 * cascade did: rails/rails#19372), then draws sequence numbers, logs each bump in
 * `cache_events` and notifies `beacon_invalidation`.
 *
 * `TRUNCATE` fires no row triggers, so 003 gives each mapped table a statement trigger that runs
 * before it: it collects the topics of every row still there and logs the truncation in
 * `beacon_truncations`, whose row fires the same deferred flush at commit.
 *
 * @module
 */
import { RELATIONSHIPS, type TopicRule, TRIGGERS_SINCE } from "../lib/db/relationships.ts";
import { INVALIDATION_CHANNEL } from "../lib/live/event.ts";

/** Where the generated migration lives. */
export const MIGRATION_FILE = new URL("../migrations/002_cache_versions.sql", import.meta.url);

/** Where the generated `TRUNCATE` migration lives. */
export const TRUNCATE_MIGRATION_FILE = new URL(
  "../migrations/003_truncate_invalidation.sql",
  import.meta.url,
);

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * A relationship map: table → the rules of the topics its rows bump.
 *
 * @example
 * ```ts
 * import type { RelationshipMap } from "./gen_triggers.ts";
 * const map: RelationshipMap = {
 *   gadgets: [{ kind: "project", column: "project_id", tenantColumn: "tenant_id" }],
 * };
 * ```
 */
export type RelationshipMap = Readonly<Record<string, readonly TopicRule[]>>;

/** The migration holding the triggers of the tables {@linkcode TRIGGERS_SINCE} leaves out. */
const FIRST_TRIGGER_MIGRATION = 2;

/**
 * The tables of a relationship map whose triggers one migration holds: `2` for those of 002
 * and 003, or a number from {@linkcode TRIGGERS_SINCE}.
 *
 * @param migration The migration's number.
 * @param relationships The whole map; default the app's {@linkcode RELATIONSHIPS}.
 * @param since Table → later migration; default the app's {@linkcode TRIGGERS_SINCE}.
 * @example
 * ```ts
 * console.log(Object.keys(relationshipsOf(5)).includes("blockers")); // true
 * console.log(Object.keys(relationshipsOf(2)).includes("blockers")); // false
 * ```
 */
export function relationshipsOf(
  migration: number,
  relationships: RelationshipMap = RELATIONSHIPS,
  since: Readonly<Record<string, number>> = TRIGGERS_SINCE,
): RelationshipMap {
  const entries = Object.entries(relationships).filter(([table]) => {
    return (since[table] ?? FIRST_TRIGGER_MIGRATION) === migration;
  });
  return Object.fromEntries(entries);
}

/**
 * Where the generated triggers of a later migration live: `migrations/<NNN>_cache_triggers.sql`.
 *
 * @param migration Its number, above 3.
 * @example
 * ```ts
 * console.log(laterTriggersFile(5).pathname.endsWith("/005_cache_triggers.sql")); // true
 * ```
 */
export function laterTriggersFile(migration: number): URL {
  if (!Number.isInteger(migration) || migration <= 3) {
    throw new RangeError(`Cannot generate triggers in migration ${migration}: it must be above 3`);
  }
  const name = `${String(migration).padStart(3, "0")}_cache_triggers.sql`;
  return new URL(`../migrations/${name}`, import.meta.url);
}

/**
 * Every generated migration with its text: 002, 003, then one per number of
 * {@linkcode TRIGGERS_SINCE}.
 *
 * @example
 * ```ts
 * for (const [file] of generatedMigrations()) console.log(file.pathname);
 * ```
 */
export function generatedMigrations(
  relationships: RelationshipMap = RELATIONSHIPS,
  since: Readonly<Record<string, number>> = TRIGGERS_SINCE,
): [URL, string][] {
  const first = relationshipsOf(FIRST_TRIGGER_MIGRATION, relationships, since);
  const files: [URL, string][] = [
    [MIGRATION_FILE, generateCacheVersionsMigration(first)],
    [TRUNCATE_MIGRATION_FILE, generateTruncateMigration(first)],
  ];
  const later = [...new Set(Object.values(since))].sort((a, b) => a - b);
  for (const migration of later) {
    const tables = relationshipsOf(migration, relationships, since);
    files.push([laterTriggersFile(migration), generateLaterTriggersMigration(tables)]);
  }
  return files;
}

/**
 * Renders the whole migration for a relationship map.
 *
 * @param relationships The map to render; default the tables of 002 in the app's map.
 * @example
 * ```ts
 * const sql = generateCacheVersionsMigration();
 * console.log(sql.includes("CREATE TABLE cache_versions")); // true
 * ```
 */
export function generateCacheVersionsMigration(
  relationships: RelationshipMap = relationshipsOf(FIRST_TRIGGER_MIGRATION),
): string {
  const tables = Object.keys(relationships).sort();
  const parts = [HEADER, STORAGE, COLLECT_FUNCTION, FLUSH_FUNCTION, PRUNE_FUNCTION];
  for (const table of tables) parts.push(tableTriggers(table, relationships[table]));
  return parts.join("\n");
}

/**
 * Renders the migration that makes `TRUNCATE` invalidate too, for a relationship map.
 *
 * @param relationships The map to render; default the tables of 003 in the app's map.
 * @example
 * ```ts
 * const sql = generateTruncateMigration();
 * console.log(sql.includes("BEFORE TRUNCATE ON tasks")); // true
 * ```
 */
export function generateTruncateMigration(
  relationships: RelationshipMap = relationshipsOf(FIRST_TRIGGER_MIGRATION),
): string {
  const tables = Object.keys(relationships).sort();
  const parts = [TRUNCATE_HEADER];
  for (const table of tables) parts.push(truncateTrigger(table, relationships[table]));
  return parts.join("\n");
}

/**
 * Renders the migration for tables added after 002 and 003: each table's row triggers (as in
 * 002) and its `TRUNCATE` trigger (as in 003), using the functions those migrations created.
 *
 * @param relationships The tables to render.
 * @example
 * ```ts
 * const sql = generateLaterTriggersMigration({
 *   gadgets: [{ kind: "project", column: "project_id", tenantColumn: "tenant_id" }],
 * });
 * console.log(sql.includes("BEFORE TRUNCATE ON gadgets")); // true
 * ```
 */
export function generateLaterTriggersMigration(relationships: RelationshipMap): string {
  const tables = Object.keys(relationships).sort();
  const parts = [LATER_HEADER];
  for (const table of tables) {
    parts.push(tableTriggers(table, relationships[table]));
    parts.push(truncateTrigger(table, relationships[table]));
  }
  return parts.join("\n");
}

function truncateTrigger(table: string, rules: readonly TopicRule[]): string {
  assertIdentifier(table, "table");
  const selects = rules.map((rule) =>
    `    SELECT DISTINCT ${topicExpression("r", rule)}, ${
      tenantExpression("r", rule)
    } FROM ${table} r`
  ).join("\n    UNION\n");
  return `-- ${table}
CREATE FUNCTION beacon_truncate_${table}() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM beacon_collect_topic(t.topic, t.tenant_id) FROM (
${selects}
  ) AS t (topic, tenant_id);
  INSERT INTO beacon_truncations (table_name) VALUES (TG_TABLE_NAME);
  RETURN NULL;
END
$fn$;

CREATE TRIGGER beacon_truncate BEFORE TRUNCATE ON ${table}
  FOR EACH STATEMENT EXECUTE FUNCTION beacon_truncate_${table}();
`;
}

function tableTriggers(table: string, rules: readonly TopicRule[]): string {
  assertIdentifier(table, "table");
  const collect = (row: "OLD" | "NEW") =>
    rules.map((rule) =>
      `    PERFORM beacon_collect_topic(${topicExpression(row, rule)}, ${
        tenantExpression(row, rule)
      });`
    ).join("\n");
  return `-- ${table}: ${rules.map((rule) => `${rule.kind}:<${rule.column}>`).join(", ")}
CREATE FUNCTION beacon_topics_${table}() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW IS NOT DISTINCT FROM OLD THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
${collect("OLD")}
  END IF;
  IF TG_OP <> 'DELETE' THEN
${collect("NEW")}
  END IF;
  RETURN NULL;
END
$fn$;

-- Triggers on one event fire in name order: beacon_collect before beacon_flush, so even under
-- SET CONSTRAINTS ALL IMMEDIATE a row's topics are collected before the flush runs.
CREATE TRIGGER beacon_collect AFTER INSERT OR UPDATE OR DELETE ON ${table}
  FOR EACH ROW EXECUTE FUNCTION beacon_topics_${table}();

CREATE CONSTRAINT TRIGGER beacon_flush AFTER INSERT OR UPDATE OR DELETE ON ${table}
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION beacon_flush_topics();
`;
}

function topicExpression(row: string, rule: TopicRule): string {
  assertIdentifier(rule.column, "column");
  const value = `${row}.${rule.column}::text`;
  if (rule.whenNull === undefined) return `'${rule.kind}:' || ${value}`;
  if (!/^[*A-Za-z0-9_-]+$/.test(rule.whenNull)) {
    throw new TypeError(`Cannot generate triggers: whenNull "${rule.whenNull}" is not allowed`);
  }
  return `'${rule.kind}:' || coalesce(${value}, '${rule.whenNull}')`;
}

function tenantExpression(row: string, rule: TopicRule): string {
  if (rule.tenantColumn === null) return "NULL::uuid";
  assertIdentifier(rule.tenantColumn, "column");
  return `${row}.${rule.tenantColumn}`;
}

function assertIdentifier(name: string, what: string): void {
  if (!IDENTIFIER.test(name)) {
    throw new TypeError(`Cannot generate triggers: ${what} "${name}" is not a plain identifier`);
  }
}

const HEADER =
  `-- Generated by scripts/gen_triggers.ts from lib/db/relationships.ts: do not edit by hand.
-- Run \`deno run -A scripts/gen_triggers.ts\` after changing the map.
--
-- The database owns cache versions: every write bumps the versions of the topics it touches in
-- the same transaction, logs each bump with a global sequence number in cache_events, and
-- notifies '${INVALIDATION_CHANNEL}' at commit, whoever wrote (the app, psql, a script).
`;

const TRUNCATE_HEADER =
  `-- Generated by scripts/gen_triggers.ts from lib/db/relationships.ts: do not edit by hand.
--
-- TRUNCATE fires no row triggers. Before it empties a mapped table, a statement trigger collects
-- the topics of every row still there (as a DELETE of each would) and logs the truncation here;
-- that row fires the deferred flush of 002 at commit, which bumps and notifies as for any write.
CREATE TABLE beacon_truncations (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  table_name text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);

CREATE CONSTRAINT TRIGGER beacon_flush AFTER INSERT ON beacon_truncations
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION beacon_flush_topics();
`;

const LATER_HEADER =
  `-- Generated by scripts/gen_triggers.ts from lib/db/relationships.ts: do not edit by hand.
-- Run \`deno run -A scripts/gen_triggers.ts\` after changing the map.
--
-- The triggers of tables added after 002 and 003 were applied (TRIGGERS_SINCE): the row triggers
-- of 002 and the TRUNCATE trigger of 003, on the functions those migrations created.
`;

const STORAGE = `CREATE SEQUENCE cache_event_seq;

CREATE TABLE cache_versions (
  topic text PRIMARY KEY,
  tenant_id uuid,
  version bigint NOT NULL,
  seq bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cache_versions_tenant_idx ON cache_versions (tenant_id);

-- Append-only, for replay after a listener reconnects; pruned by beacon_prune_cache_events().
CREATE TABLE cache_events (
  seq bigint PRIMARY KEY,
  tenant_id uuid,
  topic text NOT NULL,
  version bigint NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX cache_events_at_idx ON cache_events (at);

-- The highest sequence number pruned so far: a reader that needs an event at or below it
-- cannot replay and must reload every version instead.
CREATE TABLE cache_events_horizon (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  pruned_through bigint NOT NULL DEFAULT 0
);
INSERT INTO cache_events_horizon DEFAULT VALUES;
`;

const COLLECT_FUNCTION =
  `-- Remembers a topic to bump at commit. The temporary table lives per connection and is emptied
-- at every commit; it is created on first use because a migration cannot create it for
-- connections that do not exist yet.
CREATE FUNCTION beacon_collect_topic(p_topic text, p_tenant uuid) RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
  IF p_topic IS NULL THEN
    RETURN;
  END IF;
  IF to_regclass('pg_temp.beacon_pending_topics') IS NULL THEN
    CREATE TEMPORARY TABLE beacon_pending_topics (
      topic text PRIMARY KEY,
      tenant_id uuid
    ) ON COMMIT DELETE ROWS;
  END IF;
  INSERT INTO pg_temp.beacon_pending_topics (topic, tenant_id) VALUES (p_topic, p_tenant)
  ON CONFLICT (topic) DO NOTHING;
END
$fn$;
`;

const FLUSH_FUNCTION =
  `-- Bumps the collected topics at commit (a deferred constraint trigger). Version rows are taken
-- in one global order, by topic, so two writers never wait on each other in a cycle; sequence
-- numbers are drawn only once every row is held, so a number is never held during a wait.
CREATE FUNCTION beacon_flush_topics() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
  topics text[];
  tenants uuid[];
  versions bigint[] := '{}';
  bumped bigint;
  next_seq bigint;
  at_ms double precision;
BEGIN
  IF to_regclass('pg_temp.beacon_pending_topics') IS NULL THEN
    RETURN NULL;
  END IF;
  SELECT array_agg(p.topic ORDER BY p.topic), array_agg(p.tenant_id ORDER BY p.topic)
    INTO topics, tenants
    FROM pg_temp.beacon_pending_topics p;
  IF topics IS NULL THEN
    RETURN NULL;
  END IF;
  DELETE FROM pg_temp.beacon_pending_topics;
  FOR i IN 1 .. array_length(topics, 1) LOOP
    INSERT INTO cache_versions AS cv (topic, tenant_id, version, seq)
    VALUES (topics[i], tenants[i], 1, 0)
    ON CONFLICT (topic) DO UPDATE
      SET version = cv.version + 1, tenant_id = coalesce(cv.tenant_id, EXCLUDED.tenant_id)
    RETURNING cv.version INTO bumped;
    versions := versions || bumped;
  END LOOP;
  at_ms := floor(extract(epoch FROM clock_timestamp()) * 1000);
  FOR i IN 1 .. array_length(topics, 1) LOOP
    next_seq := nextval('cache_event_seq');
    UPDATE cache_versions SET seq = next_seq, updated_at = to_timestamp(at_ms / 1000)
      WHERE topic = topics[i];
    INSERT INTO cache_events (seq, tenant_id, topic, version, at)
    VALUES (next_seq, tenants[i], topics[i], versions[i], to_timestamp(at_ms / 1000));
    PERFORM pg_notify('${INVALIDATION_CHANNEL}', json_build_object(
      'seq', next_seq, 'tenant', tenants[i], 'topic', topics[i], 'version', versions[i],
      'at', at_ms
    )::text);
  END LOOP;
  RETURN NULL;
END
$fn$;
`;

const PRUNE_FUNCTION =
  `-- Deletes events older than max_age or beyond the newest max_events, and moves the horizon.
-- Returns how many events were deleted.
CREATE FUNCTION beacon_prune_cache_events(
  max_age interval DEFAULT interval '24 hours',
  max_events bigint DEFAULT 100000
) RETURNS bigint
LANGUAGE plpgsql AS $fn$
DECLARE
  newest bigint;
  deleted_count bigint;
  deleted_through bigint;
BEGIN
  SELECT max(seq) INTO newest FROM cache_events;
  IF newest IS NULL THEN
    RETURN 0;
  END IF;
  WITH gone AS (
    DELETE FROM cache_events
    WHERE at < now() - max_age OR seq <= newest - max_events
    RETURNING seq
  )
  SELECT count(*), max(seq) INTO deleted_count, deleted_through FROM gone;
  IF deleted_through IS NOT NULL THEN
    UPDATE cache_events_horizon SET pruned_through = greatest(pruned_through, deleted_through);
  END IF;
  RETURN deleted_count;
END
$fn$;
`;

if (import.meta.main) {
  const files = generatedMigrations();
  for (const [file, sql] of files) {
    const name = file.pathname.split("/").slice(-2).join("/");
    if (Deno.args.includes("--check")) {
      const committed = await Deno.readTextFile(file).catch(() => "");
      if (committed !== sql) {
        console.error(`${name} is out of date: run scripts/gen_triggers.ts`);
        Deno.exit(1);
      }
    } else {
      await Deno.writeTextFile(file, sql);
      console.log(`Wrote ${name}`);
    }
  }
}
