/**
 * The server side of `connect()` against a PostgreSQL cluster each test starts itself, stopped,
 * killed and frozen under a steady load of reads and write transactions. Each test prints its
 * figures. Margins cover timers firing late on a loaded 2-core machine, not extra waits.
 */
import assert from "node:assert/strict";
import { connect, type Database, DatabaseUnavailableError } from "./connection.ts";
import { PgCluster } from "../../tests/_pg_cluster.ts";
import { type CallRecord, LOAD_TABLE_SQL, ms, slowest, startLoad } from "../../tests/_db_load.ts";

/** No call may keep its caller waiting longer than the 1 s deadline (plus timer lateness). */
const BUDGET_MS = 1000 + 250;
/** Every call started this long after the server is back must succeed. */
const RECOVERY_MS = 1000;
const CHANNEL = "outage_test";

interface World {
  cluster: PgCluster;
  db: Database;
}

async function withWorld(fn: (world: World) => Promise<void>): Promise<void> {
  const cluster = await PgCluster.create();
  let db: Database | undefined;
  try {
    const url = await cluster.createAppDatabase("beacon_app");
    db = await connect({ url, max: 10 });
    await db.exec(LOAD_TABLE_SQL);
    await fn({ cluster, db });
  } finally {
    await db?.close();
    await cluster.destroy();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms: ${what}`);
    await sleep(10);
  }
}

interface HealthSample {
  at: number;
  status: "up" | "down";
  listener: string | undefined;
}

/** Samples `db.health()` every 50 ms until stopped. */
function sampleHealth(db: Database): { samples: HealthSample[]; stop(): void } {
  const samples: HealthSample[] = [];
  const id = setInterval(() => {
    const health = db.health();
    samples.push({
      at: performance.now(),
      status: health.status,
      listener: health.listener?.status,
    });
  }, 50);
  return { samples, stop: () => clearInterval(id) };
}

/** Checks what holds at every moment: the budget, and one error class for every failure. */
function assertEveryCall(calls: CallRecord[]): void {
  for (const call of calls) {
    const took = call.end - call.start;
    assert.ok(took <= BUDGET_MS, `a ${call.kind} took ${ms(took)}: ${call.error ?? "ok"}`);
    if (call.error !== undefined) {
      assert.ok(call.error instanceof DatabaseUnavailableError, `unexpected: ${call.error}`);
    }
  }
}

/** Writes that succeeded are in the table; writes that failed as not sent are not. */
async function assertWritesAccountedFor(db: Database, calls: CallRecord[]): Promise<void> {
  const writes = calls.filter((call) => call.kind === "write");
  const committed = writes.filter((call) => call.error === undefined).length;
  const unknown = writes.filter((call) =>
    call.error instanceof DatabaseUnavailableError &&
    (call.error.reason === "timeout" || call.error.reason === "lost")
  ).length;
  const [row] = await db.query<{ n: unknown }>("SELECT count(*) AS n FROM load_beats");
  const rows = Number(row.n);
  assert.ok(rows >= committed, `${rows} rows for ${committed} successful writes`);
  assert.ok(rows <= committed + unknown, `${rows} rows, ${committed} + ${unknown} unknown writes`);
}

/** Stops the server for `seconds` under load and checks the calls, health and the listener. */
async function stopFor(world: World, seconds: number): Promise<void> {
  const { cluster, db } = world;
  const listens: number[] = [];
  const notified: string[] = [];
  await db.listen(
    CHANNEL,
    (payload) => notified.push(payload),
    () => listens.push(performance.now()),
  );
  const health = sampleHealth(db);
  const load = startLoad(db);
  let stopped = 0;
  let starting = 0;
  let ready = 0;
  try {
    await sleep(1000);
    await cluster.stop();
    stopped = performance.now();
    await sleep(seconds * 1000);
    starting = performance.now();
    await cluster.start();
    ready = performance.now();
    await sleep(2 * RECOVERY_MS);
  } finally {
    await load.stop();
    health.stop();
  }
  const calls = load.calls;
  assertEveryCall(calls);
  const during = calls.filter((call) => call.start >= stopped && call.end <= starting);
  assert.ok(during.length > 100, `only ${during.length} calls during the outage`);
  assert.ok(during.every((call) => call.error !== undefined), "a call succeeded while stopped");
  const late = calls.filter((call) => call.start >= ready + RECOVERY_MS);
  assert.ok(late.length > 50, `only ${late.length} calls after recovery`);
  assert.deepEqual(late.filter((call) => call.error !== undefined), [], "failures after recovery");
  const downDuring = health.samples.filter((s) => s.at >= stopped + 500 && s.at < starting);
  assert.ok(downDuring.every((s) => s.status === "down"), "health says down during the outage");
  assert.ok(downDuring.every((s) => s.listener === "reconnecting"), "the listener reconnects");
  assert.equal(health.samples.at(-1)?.status, "up");
  assert.equal(db.health().listener?.status, "connected");
  const relisten = listens.find((at) => at >= starting);
  assert.ok(relisten !== undefined, "onListen ran again after the outage");
  assert.ok(relisten - ready < RECOVERY_MS, `LISTEN back ${ms(relisten - ready)} after ready`);
  await cluster.sql(`NOTIFY ${CHANNEL}, 'after'`, "beacon_app");
  await waitFor(() => notified.includes("after"), 2000, "a notification after the outage");
  await assertWritesAccountedFor(db, calls);
  const firstOk = calls.filter((call) => call.start >= starting && call.error === undefined)
    .reduce((min, call) => Math.min(min, call.end), Infinity);
  const lastFailure = calls.filter((call) => call.error !== undefined)
    .reduce((max, call) => Math.max(max, call.end), 0);
  console.log(
    `${seconds} s stop: ${during.length} calls during it, slowest ${ms(slowest(during))}, ` +
      `slowest overall ${ms(slowest(calls))}; pg_ctl start took ${ms(ready - starting)}; ` +
      `first success ${ms(firstOk - ready)} and last failure ${ms(lastFailure - ready)} ` +
      `after it returned; LISTEN back ${ms(relisten - ready)} after it; ` +
      `slowest call after recovery ${ms(slowest(late))}`,
  );
}

Deno.test("PostgreSQL stopped for 5 s: each call fails within 1 s, all succeed within 1 s of its return", async () => {
  await withWorld((world) => stopFor(world, 5));
});

Deno.test("PostgreSQL stopped for 30 s: each call fails within 1 s, all succeed within 1 s of its return", async () => {
  await withWorld((world) => stopFor(world, 30));
});

Deno.test("PostgreSQL killed (SIGKILL) and restarted: calls fail within 1 s, then recover within 1 s", async () => {
  await withWorld(async ({ cluster, db }) => {
    const load = startLoad(db);
    let killed = 0;
    let ready = 0;
    try {
      await sleep(500);
      await cluster.kill();
      killed = performance.now();
      await sleep(2000);
      await cluster.start();
      ready = performance.now();
      await sleep(2 * RECOVERY_MS);
    } finally {
      await load.stop();
    }
    assertEveryCall(load.calls);
    const during = load.calls.filter((call) => call.start >= killed && call.end <= ready);
    assert.ok(during.every((call) => call.error !== undefined));
    const late = load.calls.filter((call) => call.start >= ready + RECOVERY_MS);
    assert.ok(late.length > 50 && late.every((call) => call.error === undefined));
    await assertWritesAccountedFor(db, load.calls);
    console.log(
      `kill: ${during.length} calls while down, slowest ${ms(slowest(during))}; ` +
        `slowest overall ${ms(slowest(load.calls))}`,
    );
  });
});

Deno.test("PostgreSQL frozen (SIGSTOP) for 4 s: no call waits past its deadline, and calls recover after SIGCONT", async () => {
  await withWorld(async ({ cluster, db }) => {
    const health = sampleHealth(db);
    const load = startLoad(db);
    let paused = 0;
    let resumed = 0;
    try {
      await sleep(500);
      await cluster.pause();
      paused = performance.now();
      await sleep(4000);
      await cluster.resume();
      resumed = performance.now();
      await sleep(2 * RECOVERY_MS);
    } finally {
      await load.stop();
      health.stop();
    }
    assertEveryCall(load.calls);
    const during = load.calls.filter((call) => call.start >= paused && call.end <= resumed);
    assert.ok(during.every((call) => call.error !== undefined));
    const timeouts = during.filter((call) =>
      call.error instanceof DatabaseUnavailableError && call.error.reason === "timeout"
    );
    assert.ok(timeouts.length >= 2, "the first calls ran into their deadline");
    assert.ok(
      health.samples.filter((s) => s.at > paused + 1500 && s.at < resumed).every((s) =>
        s.status === "down"
      ),
      "health says down once calls time out",
    );
    const late = load.calls.filter((call) => call.start >= resumed + RECOVERY_MS);
    assert.ok(late.length > 50 && late.every((call) => call.error === undefined));
    await assertWritesAccountedFor(db, load.calls);
    console.log(
      `freeze: ${during.length} calls while frozen (${timeouts.length} ran into the deadline), ` +
        `slowest ${ms(slowest(during))}; slowest overall ${ms(slowest(load.calls))}`,
    );
  });
});

Deno.test("a transaction whose session is terminated mid-statement fails as lost, and the pool serves on", async () => {
  await withWorld(async ({ cluster, db }) => {
    for (let i = 0; i < 5; i++) {
      const write = db.transaction(async (tx) => {
        await tx.query("INSERT INTO load_beats (worker) VALUES ($1)", [i]);
        await tx.query("SELECT pg_sleep(0.6)");
      });
      write.catch(() => {}); // asserted below
      await sleep(150);
      const ended = await cluster.terminate("query LIKE 'SELECT pg_sleep(0.6)%'");
      assert.equal(ended, 1);
      await assert.rejects(
        write,
        (error) => error instanceof DatabaseUnavailableError && error.reason === "lost",
      );
    }
    // Every pooled connection still sends and receives.
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => db.query("SELECT pg_sleep(0.05), 1 AS one")),
    );
    assert.equal(answers.length, 20);
    const [row] = await db.query<{ n: unknown }>("SELECT count(*) AS n FROM load_beats");
    assert.equal(Number(row.n), 0, "no terminated transaction committed");
  });
});

Deno.test("time limits: a slow statement fails as overloaded, maintenance runs unbounded, wrong SQL keeps its error", async () => {
  await withWorld(async ({ db }) => {
    const started = performance.now();
    await assert.rejects(
      db.query("SELECT pg_sleep(3)"),
      (error) => error instanceof DatabaseUnavailableError && error.reason === "overloaded",
    );
    assert.ok(performance.now() - started < BUDGET_MS);
    await assert.rejects(
      db.transaction((tx) => tx.query("SELECT pg_sleep(3)")),
      (error) => error instanceof DatabaseUnavailableError && error.reason === "overloaded",
    );
    assert.equal(db.health().status, "up", "a slow statement says nothing about the server");
    const maintenance = db.forMaintenance();
    const [row] = await maintenance.query<{ one: number }>("SELECT 1 AS one FROM pg_sleep(1.2)");
    assert.equal(row.one, 1);
    await maintenance.transaction((tx) => tx.query("SELECT pg_sleep(1.2)"));
    await maintenance.close();
    await assert.rejects(db.query("SELEC 1"), (error) => {
      assert.ok(!(error instanceof DatabaseUnavailableError));
      assert.match(String(error), /syntax error/);
      return true;
    });
    const [after] = await db.query<{ statement_timeout: string }>("SHOW statement_timeout");
    assert.equal(
      after.statement_timeout,
      "800ms",
      "the maintenance setting stayed in its transaction",
    );
  });
});
