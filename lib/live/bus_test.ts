import assert from "node:assert/strict";
import { createTestDb, type TestDb } from "../../tests/_db.ts";
import type { Db } from "../db/connection.ts";
import { flagsTopic, projectListTopic, projectTopic } from "../model/topics.ts";
import { InvalidationBus, type InvalidationBusOptions } from "./bus.ts";
import type { InvalidationEvent } from "./event.ts";
import { pausable, waitFor } from "./_test_support.ts";

interface Acme {
  tenant: string;
  project: string;
}

async function acme(db: Db): Promise<Acme> {
  const [row] = await db.query<Acme>(
    `SELECT t.id AS tenant, p.id AS project FROM tenants t JOIN projects p ON p.tenant_id = t.id
     WHERE t.slug = 'acme' LIMIT 1`,
  );
  return row;
}

function touchProject(db: Db, project: string, n: number) {
  return db.query("UPDATE projects SET description = $2 WHERE id = $1", [project, `rev ${n}`]);
}

/** Runs `fn` with a started bus over a fresh PGlite database, cleaning everything up. */
async function withBus(
  options: InvalidationBusOptions,
  fn: (
    ctx: { t: TestDb; bus: InvalidationBus; acme: Acme } & ReturnType<typeof pausable>,
  ) => Promise<void> | void,
): Promise<void> {
  const t = await createTestDb({ kind: "pglite" });
  const wrapped = pausable(t.db);
  const bus = new InvalidationBus(wrapped.db, options);
  try {
    await bus.start();
    await fn({ t, bus, acme: await acme(t.db), ...wrapped });
  } finally {
    await bus.close();
    await t.drop();
  }
}

Deno.test("start() loads every current version; unknown topics are 0", async () => {
  await withBus({}, async ({ t, bus, acme }) => {
    const [row] = await t.db.query<{ version: unknown }>(
      "SELECT version FROM cache_versions WHERE topic = $1",
      [projectTopic(acme.project)],
    );
    assert.equal(bus.version(projectTopic(acme.project)), Number(row.version));
    assert.ok(bus.version(flagsTopic(null)) >= 1);
    assert.equal(bus.version("project:unknown"), 0);
    assert.deepEqual(bus.versions([flagsTopic(null), "nope"]), {
      [flagsTopic(null)]: bus.version(flagsTopic(null)),
      nope: 0,
    });
    assert.ok(bus.lastSeq > 0);
    assert.equal(bus.stats().running, true);
  });
});

Deno.test("a committed write reaches subscribers with seq, tenant, topic and version", async () => {
  await withBus({}, async ({ t, bus, acme }) => {
    const seen: InvalidationEvent[] = [];
    bus.subscribe((event) => seen.push(event));
    const before = bus.version(projectTopic(acme.project));
    await touchProject(t.db, acme.project, 1);
    await waitFor(() => seen.length === 2, 5000, "two events");
    const event = seen.find((e) => e.topic === projectTopic(acme.project))!;
    assert.equal(event.tenant, acme.tenant);
    assert.equal(event.version, before + 1);
    assert.ok(event.seq > 0);
    assert.deepEqual(
      seen.map((e) => e.topic).sort(),
      [
        projectTopic(acme.project),
        projectListTopic(acme.tenant),
      ].sort(),
    );
    assert.equal(bus.version(projectTopic(acme.project)), before + 1);
    assert.equal(bus.stats().eventsApplied, 2);
    assert.ok(bus.stats().lagMs < 5000);
  });
});

Deno.test("catchUp() applies the caller's own commit without waiting for the notification", async () => {
  await withBus({}, async ({ t, bus, acme, disconnect }) => {
    disconnect();
    const before = bus.version(projectTopic(acme.project));
    await touchProject(t.db, acme.project, 1);
    await bus.catchUp();
    assert.equal(bus.version(projectTopic(acme.project)), before + 1);
    assert.equal(bus.stats().catchUps, 1);
  });
});

Deno.test("a listener disconnected during 100 writes replays all of them on reconnect", async () => {
  await withBus({}, async ({ t, bus, acme, disconnect, reconnect }) => {
    const seen = new Set<number>();
    bus.subscribe((event) => {
      if (event.topic === projectTopic(acme.project)) seen.add(event.version);
    });
    const start = bus.version(projectTopic(acme.project));
    disconnect();
    for (let i = 1; i <= 100; i++) await touchProject(t.db, acme.project, i);
    assert.equal(bus.version(projectTopic(acme.project)), start);
    reconnect();
    await waitFor(() => seen.size === 100, 5000, "100 replayed versions");
    for (let v = start + 1; v <= start + 100; v++) assert.ok(seen.has(v), `version ${v}`);
    assert.equal(bus.stats().replays, 1);
    assert.equal(bus.lowWater, bus.lastSeq);
  });
});

Deno.test("a reconnect after the missed events were pruned reloads versions and signals resync", async () => {
  await withBus({ retentionEvents: 1 }, async ({ t, bus, acme, disconnect, reconnect }) => {
    const signals: number[] = [];
    bus.onResync((signal) => signals.push(signal.lastSeq));
    const lastSeen = bus.lastSeq;
    disconnect();
    for (let i = 1; i <= 5; i++) await touchProject(t.db, acme.project, i);
    assert.ok(await bus.prune() > 0);
    reconnect();
    await waitFor(() => signals.length === 1, 5000, "a resync");
    const [row] = await t.db.query<{ version: unknown; seq: unknown }>(
      "SELECT version, seq FROM cache_versions WHERE topic = $1",
      [projectTopic(acme.project)],
    );
    assert.equal(bus.version(projectTopic(acme.project)), Number(row.version));
    assert.equal(bus.stats().resyncs, 1);
    assert.equal(bus.replaySince(lastSeen), "resync");
    assert.deepEqual(bus.replaySince(bus.lastSeq), []);
  });
});

Deno.test("malformed notifications are ignored and counted, never thrown", async () => {
  await withBus({}, async ({ t, bus, inject }) => {
    inject("not json");
    inject('{"seq":"x"}');
    await t.db.query("SELECT pg_notify('beacon_invalidation', '{\"seq\": -3}')");
    await waitFor(() => bus.stats().malformed === 3, 5000, "three malformed payloads");
    assert.equal(bus.stats().eventsApplied, 0);
  });
});

Deno.test("events arriving out of sequence order are all applied; the low-water mark waits", async () => {
  await withBus({ gapTimeoutMs: 60_000 }, ({ bus, inject }) => {
    const base = bus.lastSeq;
    const payload = (seq: number, topic: string) =>
      JSON.stringify({ seq, tenant: null, topic, version: 1, at: Date.now() });
    inject(payload(base + 2, "t:b"));
    assert.equal(bus.lowWater, base);
    assert.equal(bus.lastSeq, base + 2);
    inject(payload(base + 1, "t:a"));
    assert.equal(bus.lowWater, base + 2);
    assert.deepEqual(bus.versions(["t:a", "t:b"]), { "t:a": 1, "t:b": 1 });
    assert.deepEqual(
      (bus.replaySince(base + 2) as InvalidationEvent[]).map((e) => e.seq),
      [base + 1],
      "the late lower number is replayed to a reader that saw the higher one",
    );
  });
});

Deno.test("replaySince() keeps to the asked tenant", async () => {
  await withBus({}, async ({ t, bus, acme }) => {
    const from = bus.lastSeq;
    await touchProject(t.db, acme.project, 1);
    await t.db.query("UPDATE feature_flags SET enabled = NOT enabled WHERE tenant_id IS NULL");
    await bus.catchUp();
    const mine = bus.replaySince(from, { tenant: acme.tenant }) as InvalidationEvent[];
    assert.deepEqual(mine.map((e) => e.tenant), [acme.tenant, acme.tenant]);
    const other = bus.replaySince(from, { tenant: crypto.randomUUID() });
    assert.deepEqual(other, []);
    assert.equal((bus.replaySince(from) as InvalidationEvent[]).length, 3);
  });
});

Deno.test("a throwing subscriber does not stop the others", async () => {
  const errors: unknown[] = [];
  await withBus({ onError: (e) => errors.push(e) }, async ({ t, bus, acme }) => {
    const seen: string[] = [];
    bus.subscribe(() => {
      throw new Error("Boom");
    });
    bus.subscribe((event) => seen.push(event.topic));
    await touchProject(t.db, acme.project, 1);
    await bus.catchUp();
    assert.equal(seen.length, 2);
    assert.equal(errors.length, 2);
  });
});

Deno.test("close() stops the bus; catchUp() after it is refused", async () => {
  const t = await createTestDb({ kind: "pglite" });
  try {
    const bus = new InvalidationBus(t.db);
    await bus.start();
    await bus.close();
    assert.equal(bus.stats().running, false);
    await assert.rejects(() => bus.catchUp(), /Cannot catch up: the invalidation bus is closed/);
    await assert.rejects(() => bus.start(), /Cannot start an invalidation bus that is closed/);
  } finally {
    await t.drop();
  }
});

Deno.test("a writer's hold keeps readers on the old version until its refill is done", async () => {
  await withBus({}, async ({ t, bus, acme }) => {
    const topic = projectTopic(acme.project);
    const before = bus.version(topic);
    const release = bus.hold();
    await touchProject(t.db, acme.project, 1);
    // The notification arrives meanwhile, and waits.
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(bus.version(topic), before, "held");
    let seen: number | undefined;
    let during: number | undefined;
    await bus.catchUp({
      beforeApply: (versionOf) => {
        seen = versionOf(topic);
        during = bus.version(topic);
        return Promise.resolve();
      },
    });
    assert.equal(seen, before + 1, "the refill is told the new version");
    assert.equal(during, before, "readers were still on the old one");
    assert.equal(bus.version(topic), before + 1, "applied after the refill");
    release();
    assert.equal(bus.version(topic), before + 1);
  });
});

Deno.test("a held notification waits at most maxHoldMs, and a slow refill no longer", async () => {
  await withBus({ maxHoldMs: 40 }, async ({ t, bus, acme }) => {
    const topic = projectTopic(acme.project);
    const before = bus.version(topic);
    const release = bus.hold();
    await touchProject(t.db, acme.project, 1);
    await waitFor(() => bus.version(topic) === before + 1, 1000);
    release();
    const started = performance.now();
    await touchProject(t.db, acme.project, 2);
    await bus.catchUp({ beforeApply: () => new Promise(() => {}) });
    assert.ok(performance.now() - started < 500, "a refill that never ends is cut off");
    assert.equal(bus.version(topic), before + 2);
  });
});
