/**
 * The invalidation bus against a real PostgreSQL server: writes from psql, a killed listener
 * connection, concurrent writers, and commits that land out of sequence order.
 */
import assert from "node:assert/strict";
import postgres from "postgres";
import { createTestDb, type TestDb } from "./_db.ts";
import type { Db } from "../lib/db/connection.ts";
import { projectListTopic, projectTopic } from "../lib/model/topics.ts";
import { InvalidationBus, type InvalidationEvent } from "../lib/live/mod.ts";
import { pausable, waitFor } from "../lib/live/_test_support.ts";

async function acmeProject(db: Db): Promise<{ tenant: string; project: string }> {
  const [row] = await db.query<{ tenant: string; project: string }>(
    `SELECT t.id AS tenant, p.id AS project FROM tenants t JOIN projects p ON p.tenant_id = t.id
     WHERE t.slug = 'acme' LIMIT 1`,
  );
  return row;
}

function touchProject(db: Db, project: string, n: number) {
  return db.query("UPDATE projects SET description = $2 WHERE id = $1", [project, `rev ${n}`]);
}

async function withDb(fn: (t: TestDb) => Promise<void>, max = 4): Promise<void> {
  const t = await createTestDb({ max });
  try {
    await fn(t);
  } finally {
    await t.drop();
  }
}

/** Runs `fn` with a started bus over a fresh database, closing both. */
async function withBus(fn: (t: TestDb, bus: InvalidationBus) => Promise<void>): Promise<void> {
  await withDb(async (t) => {
    const bus = new InvalidationBus(t.db);
    try {
      await bus.start();
      await fn(t, bus);
    } finally {
      await bus.close();
    }
  });
}

Deno.test("a write made with psql bumps the version and reaches a listening bus", async () => {
  await withBus(async (t, bus) => {
    const { project } = await acmeProject(t.db);
    const topic = projectTopic(project);
    const before = bus.version(topic);
    const seen: InvalidationEvent[] = [];
    bus.subscribe((event) => seen.push(event));
    const psql = new Deno.Command("psql", {
      args: [
        t.url!,
        "-v",
        "ON_ERROR_STOP=1",
        "-c",
        `UPDATE projects SET health = 'red' WHERE id = '${project}'`,
      ],
      stdout: "piped",
      stderr: "piped",
    });
    const out = await psql.output();
    assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
    await waitFor(() => bus.version(topic) === before + 1, 5000, "the psql write");
    assert.ok(seen.some((e) => e.topic === topic && e.version === before + 1));
    const [row] = await t.db.query<{ version: unknown }>(
      "SELECT version FROM cache_versions WHERE topic = $1",
      [topic],
    );
    assert.equal(Number(row.version), before + 1);
  });
});

Deno.test("a killed listener connection replays all 100 writes made meanwhile", async () => {
  await withBus(async (t, bus) => {
    const { project } = await acmeProject(t.db);
    const topic = projectTopic(project);
    const start = bus.version(topic);
    const from = bus.lastSeq;
    const versions = new Set<number>();
    const seqs = new Set<number>();
    bus.subscribe((event) => {
      seqs.add(event.seq);
      if (event.topic === topic) versions.add(event.version);
    });
    const [killed] = await t.db.query<{ n: number }>(
      `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
     WHERE datname = current_database() AND query ILIKE 'LISTEN%' AND pid <> pg_backend_pid()`,
    );
    assert.equal(killed.n, 1);
    for (let i = 1; i <= 100; i++) await touchProject(t.db, project, i);
    await waitFor(() => versions.size === 100, 10_000, "all 100 versions");
    for (let v = start + 1; v <= start + 100; v++) assert.ok(versions.has(v), `version ${v}`);
    const events = await t.db.query<{ seq: unknown }>(
      "SELECT seq FROM cache_events WHERE seq > $1",
      [from],
    );
    assert.equal(events.length, 200, "each write bumped the project and the project list");
    for (const { seq } of events) assert.ok(seqs.has(Number(seq)), `seq ${seq}`);
    assert.ok(bus.stats().replays >= 1, "the reconnect replayed");
    assert.equal(bus.version(topic), start + 100);
  });
});

Deno.test("20 writers touching two projects in opposite orders finish without deadlock", async () => {
  await withDb(async (t) => {
    const { tenant } = await acmeProject(t.db);
    const projects: string[] = [];
    const tasks: string[][] = [];
    for (const name of ["Left", "Right"]) {
      const [p] = await t.db.query<{ id: string }>(
        "INSERT INTO projects (tenant_id, name) VALUES ($1, $2) RETURNING id",
        [tenant, name],
      );
      const [phase] = await t.db.query<{ id: string }>(
        "INSERT INTO phases (tenant_id, project_id, name, position) VALUES ($1, $2, 'P', 0) RETURNING id",
        [tenant, p.id],
      );
      const rows = await t.db.query<{ id: string }>(
        `INSERT INTO tasks (tenant_id, project_id, phase_id, title, position)
         SELECT $1, $2, $3, 'task ' || i, i FROM generate_series(0, 19) i RETURNING id`,
        [tenant, p.id, phase.id],
      );
      projects.push(p.id);
      tasks.push(rows.map((r) => r.id));
    }
    const topics = [...projects.map(projectTopic), projectListTopic(tenant)];
    const versionsOf = async () => {
      const rows = await t.db.query<{ topic: string; version: unknown }>(
        "SELECT topic, version FROM cache_versions WHERE topic = ANY($1)",
        [topics],
      );
      return Object.fromEntries(rows.map((r) => [r.topic, Number(r.version)]));
    };
    const before = await versionsOf();
    // Writers on their own connections, each holding its first row while it takes the second.
    const sql = postgres(t.url!, { max: 20, onnotice: () => {} });
    try {
      await Promise.all(Array.from({ length: 20 }, (_, i) =>
        sql.begin(async (tx) => {
          const order = i % 2 === 0 ? [0, 1] : [1, 0];
          await tx`UPDATE tasks SET status = 'doing' WHERE id = ${tasks[order[0]][i]}`;
          await tx`SELECT pg_sleep(0.05)`;
          await tx`UPDATE tasks SET status = 'done' WHERE id = ${tasks[order[1]][i]}`;
        })));
    } finally {
      await sql.end();
    }
    const after = await versionsOf();
    for (const topic of topics) assert.equal(after[topic], before[topic] + 20, topic);
  }, 4);
});

Deno.test("a commit that lands after a higher sequence number is still applied", async () => {
  await withDb(async (t) => {
    const { project } = await acmeProject(t.db);
    const { tenant } = await acmeProject(t.db);
    const wrapped = pausable(t.db);
    // No margin: only the low-water mark can bring the late commit back after the reconnect.
    const bus = new InvalidationBus(wrapped.db, { replayMargin: 0, gapTimeoutMs: 60_000 });
    const sql = postgres(t.url!, { max: 2, onnotice: () => {} });
    try {
      await bus.start();
      const lowBefore = bus.lowWater;
      let releaseA!: () => void;
      const held = new Promise<void>((resolve) => releaseA = resolve);
      let flushedA!: () => void;
      const aFlushed = new Promise<void>((resolve) => flushedA = resolve);
      // A bumps first (takes the lower numbers) but commits last.
      const a = sql.begin(async (tx) => {
        await tx`UPDATE projects SET health = 'red' WHERE id = ${project}`;
        await tx`SET CONSTRAINTS ALL IMMEDIATE`;
        flushedA();
        await held;
      });
      await aFlushed;
      await t.db.query("UPDATE tenants SET name = 'Acme B' WHERE id = $1", [tenant]);
      await waitFor(() => bus.lastSeq > lowBefore, 5000, "B's event");
      assert.equal(bus.lowWater, lowBefore, "A's numbers are a gap");
      wrapped.disconnect();
      releaseA();
      await a;
      assert.equal(bus.version(projectTopic(project)) > 0, true);
      const beforeReplay = bus.version(projectTopic(project));
      wrapped.reconnect();
      await waitFor(
        () => bus.version(projectTopic(project)) === beforeReplay + 1,
        5000,
        "A's event",
      );
      assert.equal(bus.lowWater, bus.lastSeq);
    } finally {
      await sql.end();
      await bus.close();
    }
  });
});

Deno.test("catchUp() gives the writer its own versions right after commit", async () => {
  await withDb(async (t) => {
    const wrapped = pausable(t.db);
    const bus = new InvalidationBus(wrapped.db);
    try {
      await bus.start();
      wrapped.disconnect();
      const { project } = await acmeProject(t.db);
      const before = bus.version(projectTopic(project));
      const queries = t.db.queryCount;
      await t.db.transaction((tx) =>
        tx.query("UPDATE projects SET health = 'yellow' WHERE id = $1", [project])
      );
      await bus.catchUp();
      assert.equal(bus.version(projectTopic(project)), before + 1);
      assert.equal(t.db.queryCount - queries, 2, "the write and one catch-up query");
    } finally {
      await bus.close();
    }
  });
});

Deno.test("TRUNCATE invalidates every topic of the rows it removes", async () => {
  await withBus(async (t, bus) => {
    const rows = await t.db.query<{ project: string; tenant: string }>(
      "SELECT DISTINCT project_id AS project, tenant_id AS tenant FROM tasks",
    );
    assert.ok(rows.length >= 2, "tasks in more than one project");
    const topics = [
      ...rows.map((row) => projectTopic(row.project)),
      ...new Set(rows.map((row) => projectListTopic(row.tenant))),
    ];
    const before = topics.map((topic) => bus.version(topic));
    await t.db.query("TRUNCATE tasks");
    await waitFor(
      () => topics.every((topic, i) => bus.version(topic) === before[i] + 1),
      5000,
      "every project's and project list's bump",
    );
    const [{ count }] = await t.db.query<{ count: unknown }>(
      "SELECT count(*) AS count FROM beacon_truncations WHERE table_name = 'tasks'",
    );
    assert.equal(Number(count), 1);
  });
});
