/**
 * `LISTEN_DATABASE_URL`: the invalidation bus LISTENs on a connection of its own to that URL
 * (a session-mode pool or the server), while queries keep going to `DATABASE_URL` (which may
 * be a transaction-mode pooler, where LISTEN cannot work). Here the LISTEN route runs through
 * a TCP relay the test can cut.
 */
import assert from "node:assert/strict";
import { loadConfig } from "../lib/config.ts";
import { startServer } from "../lib/server/server.ts";
import { createTestDb, TEST_SESSION_SECRET } from "./_db.ts";
import { TcpRelay } from "./_tcp_relay.ts";
import { demoTasks } from "./_ws.ts";

interface Health {
  status: string;
  bus: { listener: string; lastSeq: number };
}

async function health(baseUrl: string): Promise<Health> {
  const res = await fetch(`${baseUrl}/healthz`);
  return await res.json() as Health;
}

async function until(what: string, test: () => Promise<boolean>, withinMs = 10_000) {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (await test()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out waiting until ${what}`);
}

Deno.test("the bus listens through LISTEN_DATABASE_URL; queries keep to DATABASE_URL", async () => {
  const t = await createTestDb({ seed: true });
  const relay = new TcpRelay({ hostname: "127.0.0.1", port: Number(new URL(t.url!).port) });
  relay.start();
  const listenUrl = new URL(t.url!);
  listenUrl.port = String(relay.port);
  const server = await startServer(
    loadConfig({
      PORT: "0",
      DATABASE_URL: t.url!,
      LISTEN_DATABASE_URL: listenUrl.href,
      SESSION_SECRET: TEST_SESSION_SECRET,
    }),
    { seed: false },
  );
  try {
    assert.equal(relay.connections.length, 1, "one connection took the LISTEN route");
    const [listener] = await t.db.query<{ port: number }>(
      `SELECT client_port AS port FROM pg_stat_activity
       WHERE application_name = 'beacon-listener' AND datname = current_database()`,
    );
    assert.equal(listener.port, relay.connections[0].outboundPort, "the listener came via it");

    const { acme } = await demoTasks(t.db);
    const write = async (status: string) => {
      await t.db.query("UPDATE tasks SET status = $1 WHERE id = $2", [status, acme.task]);
      const [row] = await t.db.query<{ seq: string }>("SELECT max(seq) AS seq FROM cache_events");
      return Number(row.seq);
    };
    const first = await write("doing");
    await until("the server heard a write made outside it", async () => {
      return (await health(server.url)).bus.lastSeq >= first;
    });

    relay.cut();
    await until("/healthz says the listener is lost", async () => {
      const h = await health(server.url);
      return h.status === "degraded" && h.bus.listener !== "connected";
    });
    const page = await fetch(`${server.url}/login`);
    await page.body?.cancel();
    assert.equal(page.status, 200, "queries do not depend on the LISTEN route");
    const missed = await write("done");

    relay.start();
    await until("the listener is back and replayed what it missed", async () => {
      const h = await health(server.url);
      return h.status === "ok" && h.bus.lastSeq >= missed;
    });
    assert.ok(relay.connections.length >= 2, "it reconnected through LISTEN_DATABASE_URL");
  } finally {
    await server.close();
    await relay.close();
    await t.drop();
  }
});

Deno.test("LISTEN_DATABASE_URL without DATABASE_URL stops start-up with one line", () => {
  assert.throws(
    () => loadConfig({ LISTEN_DATABASE_URL: "postgres://db.example/beacon" }),
    /^ConfigError: Invalid LISTEN_DATABASE_URL: it needs DATABASE_URL/,
  );
  assert.throws(
    () =>
      loadConfig({
        DATABASE_URL: "postgres://db.example/beacon",
        LISTEN_DATABASE_URL: "http://db.example/beacon",
        SESSION_SECRET: TEST_SESSION_SECRET,
      }),
    /Invalid LISTEN_DATABASE_URL/,
  );
});
