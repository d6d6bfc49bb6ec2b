/**
 * The LISTEN connection against a PostgreSQL cluster each test starts itself: its session
 * terminated, its role refused (NOLOGIN), the server frozen and stopped. Each test prints its
 * figures.
 */
import assert from "node:assert/strict";
import { PgListener, type PgListenerOptions } from "./listener.ts";
import { DatabaseUnavailableError } from "./unavailable.ts";
import { PgCluster } from "../../tests/_pg_cluster.ts";

/** The listener must be back this soon after the server lets it in again. */
const RECOVERY_MS = 1000;
const ROLE = "beacon_app";

interface World {
  cluster: PgCluster;
  listener: PgListener;
  /** Sends a notification as the superuser. */
  notify(channel: string, payload: string): Promise<void>;
}

async function withListener(
  fn: (world: World) => Promise<void>,
  options: PgListenerOptions = {},
): Promise<void> {
  const cluster = await PgCluster.create();
  let listener: PgListener | undefined;
  try {
    const url = await cluster.createAppDatabase(ROLE);
    listener = new PgListener(url, options);
    const notify = async (channel: string, payload: string) => {
      await cluster.sql(`SELECT pg_notify('${channel}', '${payload}')`, ROLE);
    };
    await fn({ cluster, listener, notify });
  } finally {
    await listener?.close();
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
    await sleep(5);
  }
}

/** Ends the listener's session from the server side. */
async function terminateListener(cluster: PgCluster): Promise<void> {
  const ended = await cluster.terminate("application_name = 'beacon-listener'");
  assert.equal(ended, 1, "one listener session");
}

Deno.test("listen() delivers notifications, runs onListen once LISTEN is in place, and unlisten stops it", async () => {
  await withListener(async ({ listener, notify }) => {
    const payloads: string[] = [];
    let listens = 0;
    const unlisten = await listener.listen("alpha", (payload) => payloads.push(payload), () => {
      listens++;
    });
    assert.equal(listens, 1);
    assert.equal(listener.state().status, "connected");
    const beta: string[] = [];
    const unlistenBeta = await listener.listen("beta", (payload) => beta.push(payload));
    assert.deepEqual(listener.state().channels, ["alpha", "beta"]);
    await notify("alpha", "one");
    await notify("beta", "two");
    await waitFor(() => payloads.length === 1 && beta.length === 1, 2000, "both notifications");
    assert.deepEqual([payloads, beta], [["one"], ["two"]]);
    await unlistenBeta();
    await notify("beta", "unheard");
    await notify("alpha", "three");
    await waitFor(() => payloads.length === 2, 2000, "the second notification");
    assert.deepEqual(beta, ["two"]);
    await unlisten();
    assert.equal(listener.state().status, "idle");
  });
});

Deno.test("a terminated LISTEN session is re-established within 1 s: onListen and onReconnect run, notifications flow", async () => {
  await withListener(async ({ cluster, listener, notify }) => {
    const payloads: string[] = [];
    const listens: number[] = [];
    const reconnects: number[] = [];
    listener.onReconnect(() => reconnects.push(performance.now()));
    await listener.listen("alpha", (payload) => payloads.push(payload), () => {
      listens.push(performance.now());
    });
    const took: number[] = [];
    for (let round = 1; round <= 3; round++) {
      const ended = performance.now();
      await terminateListener(cluster);
      await waitFor(() => reconnects.length === round, RECOVERY_MS, `reconnect ${round}`);
      took.push(reconnects[round - 1] - ended);
      assert.equal(listens.length, round + 1);
      await notify("alpha", `after ${round}`);
      await waitFor(() => payloads.includes(`after ${round}`), 2000, `notification ${round}`);
    }
    const state = listener.state();
    assert.equal(state.status, "connected");
    assert.equal(state.reconnects, 3);
    assert.match(state.lastError ?? "", /terminating connection|connection closed/);
    console.log(`terminated session: back after ${took.map((ms) => `${Math.round(ms)} ms`)}`);
  });
});

Deno.test("a role refused (NOLOGIN) for 10 s: the listener keeps trying and is back within 1 s of LOGIN", async () => {
  await withListener(async ({ cluster, listener, notify }) => {
    const payloads: string[] = [];
    const reconnects: number[] = [];
    listener.onReconnect(() => reconnects.push(performance.now()));
    await listener.listen("alpha", (payload) => payloads.push(payload));
    await cluster.setLogin(ROLE, false);
    const refusedAt = Date.now();
    await terminateListener(cluster);
    await sleep(10_000);
    const refused = listener.state();
    assert.equal(refused.status, "reconnecting");
    assert.ok(Math.abs(refused.since - refusedAt) < 500, "reconnecting since the session ended");
    assert.match(refused.lastError ?? "", /not permitted to log in/);
    assert.ok(refused.failedAttempts >= 15, `${refused.failedAttempts} attempts in 10 s`);
    assert.equal(reconnects.length, 0);
    await cluster.setLogin(ROLE, true);
    const allowed = performance.now();
    await waitFor(() => reconnects.length === 1, RECOVERY_MS, "the reconnect after LOGIN");
    await notify("alpha", "welcome back");
    await waitFor(() => payloads.includes("welcome back"), 2000, "a notification after LOGIN");
    console.log(
      `NOLOGIN 10 s: ${refused.failedAttempts} refused attempts; back ` +
        `${Math.round(reconnects[0] - allowed)} ms after LOGIN`,
    );
  });
});

Deno.test("a frozen server (SIGSTOP) is noticed by the heartbeat, and LISTEN is back within 1 s of SIGCONT", async () => {
  await withListener(async ({ cluster, listener, notify }) => {
    const payloads: string[] = [];
    const reconnects: number[] = [];
    listener.onReconnect(() => reconnects.push(performance.now()));
    await listener.listen("alpha", (payload) => payloads.push(payload));
    await cluster.pause();
    const paused = performance.now();
    try {
      await waitFor(() => listener.state().status === "reconnecting", 3000, "reconnecting");
    } finally {
      await cluster.resume().catch(() => {});
    }
    const noticed = performance.now() - paused;
    const resumed = performance.now();
    await waitFor(() => reconnects.length === 1, RECOVERY_MS, "the reconnect after SIGCONT");
    await notify("alpha", "thawed");
    await waitFor(() => payloads.includes("thawed"), 2000, "a notification after SIGCONT");
    console.log(
      `freeze: noticed after ${Math.round(noticed)} ms; back ` +
        `${Math.round(reconnects[0] - resumed)} ms after SIGCONT`,
    );
  }, { heartbeatMs: 500 });
});

Deno.test("listen() rejects with DatabaseUnavailableError when the server is down, and leaves nothing retrying", async () => {
  await withListener(async ({ cluster, listener }) => {
    await cluster.stop();
    const started = performance.now();
    await assert.rejects(
      listener.listen("alpha", () => {}),
      (error) => error instanceof DatabaseUnavailableError && error.reason === "refused",
    );
    assert.ok(performance.now() - started < 1000 + 250);
    assert.equal(listener.state().status, "idle");
    await cluster.start();
    await listener.listen("alpha", () => {});
    assert.equal(listener.state().status, "connected");
  });
});
