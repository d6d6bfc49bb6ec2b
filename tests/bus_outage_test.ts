/**
 * The invalidation bus over the server connection layer, against a PostgreSQL cluster each test
 * starts itself: writes made by another service while the bus's listener is locked out (role
 * refused) or the server is stopped reach the bus within a second of it being let back in.
 */
import assert from "node:assert/strict";
import { connect, type Database } from "../lib/db/connection.ts";
import { migrate } from "../lib/db/migrate.ts";
import { InvalidationBus } from "../lib/live/mod.ts";
import { PgCluster } from "./_pg_cluster.ts";

const ROLE = "beacon_app";
const FLAGS_TOPIC = "flags:*";
/** The bus must hold every missed write this soon after it may listen again. */
const CATCH_UP_MS = 1000;

async function withBus(
  fn: (cluster: PgCluster, db: Database, bus: InvalidationBus) => Promise<void>,
): Promise<void> {
  const cluster = await PgCluster.create();
  let db: Database | undefined;
  let bus: InvalidationBus | undefined;
  try {
    db = await connect({ url: await cluster.createAppDatabase(ROLE), max: 4 });
    await migrate(db.forMaintenance());
    bus = new InvalidationBus(db, { pruneIntervalMs: 0 });
    await bus.start();
    await fn(cluster, db, bus);
  } finally {
    await bus?.close();
    await db?.close();
    await cluster.destroy();
  }
}

/** A write by another service: a flag inserted as the superuser, which bumps `flags:*`. */
async function writeFlag(cluster: PgCluster, key: string): Promise<void> {
  await cluster.sql(`INSERT INTO feature_flags (key) VALUES ('${key}')`, ROLE);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms: ${what}`);
    await sleep(5);
  }
}

Deno.test("the bus catches up within 1 s of its role being allowed again after NOLOGIN for 30 s", async () => {
  await withBus(async (cluster, db, bus) => {
    await cluster.setLogin(ROLE, false);
    await cluster.terminate("application_name = 'beacon-listener'");
    for (let i = 1; i <= 5; i++) {
      await writeFlag(cluster, `missed_${i}`);
      await sleep(5_000);
    }
    await sleep(5_000);
    assert.equal(bus.version(FLAGS_TOPIC), 0, "nothing arrives while the listener is refused");
    const listener = db.health().listener;
    assert.equal(listener?.status, "reconnecting");
    assert.match(listener?.lastError ?? "", /not permitted to log in/);
    await cluster.setLogin(ROLE, true);
    const allowed = performance.now();
    await waitFor(() => bus.version(FLAGS_TOPIC) === 5, CATCH_UP_MS, "the five missed writes");
    const took = performance.now() - allowed;
    assert.ok(bus.stats().replays >= 1);
    assert.equal(db.health().listener?.status, "connected");
    console.log(
      `NOLOGIN 30 s: the bus held all 5 missed writes ${Math.round(took)} ms after LOGIN`,
    );
  });
});

Deno.test("the bus catches up within 1 s after PostgreSQL is stopped for 5 s, including writes made before it listens again", async () => {
  await withBus(async (cluster, db, bus) => {
    await cluster.stop();
    await sleep(5_000);
    await cluster.start();
    const ready = performance.now();
    // Straight away, before the listener can be back: only a replay can bring this one.
    await writeFlag(cluster, "early");
    await writeFlag(cluster, "second");
    await waitFor(() => bus.version(FLAGS_TOPIC) === 2, CATCH_UP_MS, "both writes");
    const took = performance.now() - ready;
    await writeFlag(cluster, "live");
    await waitFor(() => bus.version(FLAGS_TOPIC) === 3, CATCH_UP_MS, "a live write");
    assert.equal(db.health().status, "up");
    console.log(
      `5 s stop: the bus held the writes ${Math.round(took)} ms after the server was back`,
    );
  });
});
