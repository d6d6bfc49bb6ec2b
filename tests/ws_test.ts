/**
 * `GET /ws` against a real server over PostgreSQL: who may connect, what each user is told,
 * replay after a reconnect, and the sockets the server closes.
 */
import assert from "node:assert/strict";
import postgres from "postgres";
import { startTestServer, type TestServer } from "./_browser.ts";
import {
  currentSeq,
  demoTasks,
  openSocket,
  postForm,
  type ProjectTask,
  signInCookie,
  type TestSocket,
} from "./_ws.ts";

const STATUSES = ["doing", "done", "todo"];

interface World {
  s: TestServer;
  tasks: Record<"acme" | "globex", ProjectTask>;
  users: Record<string, string>;
  tenants: Record<string, string>;
  cookies: Record<string, string>;
  sockets: TestSocket[];
  /** Whose session each socket carries. */
  owners: Map<TestSocket, string>;
  writes: number;
}

async function world(s: TestServer): Promise<World> {
  const db = s.server.db;
  const users = await db.query<{ id: string; email: string }>("SELECT id, email FROM users");
  const tenants = await db.query<{ id: string; slug: string }>("SELECT id, slug FROM tenants");
  const cookies: Record<string, string> = {};
  for (const email of ["ada@acme.test", "grace@acme.test", "hank@globex.test"]) {
    cookies[email] = await signInCookie(s.url, email);
  }
  return {
    s,
    tasks: await demoTasks(db),
    users: Object.fromEntries(users.map((u) => [u.email, u.id])),
    tenants: Object.fromEntries(tenants.map((t) => [t.slug, t.id])),
    cookies,
    sockets: [],
    owners: new Map(),
    writes: 0,
  };
}

/** Changes a task's status through the form, as `email`. */
async function writeTask(w: World, email: string, which: "acme" | "globex"): Promise<void> {
  const { project, task } = w.tasks[which];
  const status = STATUSES[w.writes++ % STATUSES.length];
  const res = await postForm(w.s.url, `/projects/${project}/tasks/${task}`, w.cookies[email], {
    status,
  });
  assert.equal(res.status, 303, `the write as ${email}`);
}

/** Opens a socket as `email`; says hello with the newest sequence number unless told. */
async function connect(w: World, email: string, lastSeq?: number | null): Promise<TestSocket> {
  const socket = await openSocket(w.s.url, {
    cookie: w.cookies[email],
    lastSeq: lastSeq === undefined ? await currentSeq(w.s.server.db) : lastSeq,
  });
  w.sockets.push(socket);
  w.owners.set(socket, email);
  return socket;
}

function lastSeqOf(socket: TestSocket): number {
  const frame = socket.frames.findLast((f) => f.type === "ready" || f.type === "resync");
  assert.ok(frame && "lastSeq" in frame);
  return frame.lastSeq;
}

Deno.test("GET /ws", async (t) => {
  const s = await startTestServer();
  const w = await world(s);
  const acmeTopic = `project:${w.tasks.acme.project}`;
  const globexTopic = `project:${w.tasks.globex.project}`;
  try {
    await t.step("refuses a visitor with 401 JSON", async () => {
      const res = await fetch(`${s.url}/ws`, { headers: { origin: s.url } });
      assert.equal(res.status, 401);
      assert.match((await res.json()).error, /Sign in/);
      await assert.rejects(openSocket(s.url, { lastSeq: null }), /refused/);
    });

    await t.step("refuses a foreign or null Origin with 403, even when signed in", async () => {
      const cookie = w.cookies["ada@acme.test"];
      for (const origin of ["https://evil.example", "null"]) {
        const res = await fetch(`${s.url}/ws`, { headers: { origin, cookie } });
        assert.equal(res.status, 403);
        assert.match((await res.json()).error, /another origin/);
        await assert.rejects(openSocket(s.url, { cookie, origin, lastSeq: null }), /refused/);
      }
    });

    await t.step("lets a non-browser client without Origin in", async () => {
      const socket = await openSocket(s.url, {
        cookie: w.cookies["ada@acme.test"],
        origin: null,
        lastSeq: await currentSeq(s.server.db),
      });
      w.sockets.push(socket);
      assert.equal(socket.frames[0].type, "ready");
    });

    await t.step("answers a plain GET with a session with 426", async () => {
      const res = await fetch(`${s.url}/ws`, {
        headers: { origin: s.url, cookie: w.cookies["ada@acme.test"] },
      });
      assert.equal(res.status, 426);
      await res.body?.cancel();
    });

    await t.step("tells a reader of another user's form write", async () => {
      const ada = await connect(w, "ada@acme.test");
      const ready = lastSeqOf(ada);
      await writeTask(w, "grace@acme.test", "acme");
      const event = await ada.event(acmeTopic);
      assert.ok(event.seq > ready && event.version > 0);
      await ada.close();
    });

    await t.step("tells a reader of a write made with SQL on another connection", async () => {
      const ada = await connect(w, "ada@acme.test");
      const sql = postgres(s.testDb.url!, { max: 1, onnotice: () => {} });
      try {
        await sql`UPDATE tasks SET status = 'done', title = title || '!'
          WHERE id = ${w.tasks.acme.task}`;
      } finally {
        await sql.end();
      }
      const event = await ada.event(acmeTopic);
      assert.ok(event.seq > lastSeqOf(ada));
      await ada.close();
    });

    await t.step("never tells hank of Globex about Acme's writes", async () => {
      const hank = await connect(w, "hank@globex.test");
      const ada = await connect(w, "ada@acme.test");
      for (let i = 0; i < 5; i++) await writeTask(w, "grace@acme.test", "acme");
      await writeTask(w, "hank@globex.test", "globex");
      // Hank's own tenant's event comes after Acme's: had he been sent those, he has them now.
      await hank.event(globexTopic);
      await ada.event(acmeTopic);
      const acme = [w.tenants.acme, w.tasks.acme.project];
      assert.deepEqual(hank.topics().filter((topic) => acme.some((id) => topic.includes(id))), []);
      assert.equal(ada.topics().includes(globexTopic), false);
      await Promise.all([hank.close(), ada.close()]);
    });

    await t.step(
      "sends a user's own topic to that user only, and session topics to no one",
      async () => {
        const ada = await connect(w, "ada@acme.test");
        const grace = await connect(w, "grace@acme.test");
        const graceTopic = `user:${w.users["grace@acme.test"]}`;
        await s.server.db.query("UPDATE users SET name = name || '.' WHERE id = $1", [
          w.users["grace@acme.test"],
        ]);
        // A sign-in and a sign-out bump session topics.
        const extra = await signInCookie(s.url, "ada@acme.test");
        await postForm(s.url, "/logout", extra, {});
        const own = await grace.event(graceTopic);
        await writeTask(w, "grace@acme.test", "acme");
        await ada.event(acmeTopic, own.seq);
        assert.equal(ada.topics().includes(graceTopic), false);
        await Promise.all([ada.close(), grace.close()]);
      },
    );

    await t.step("closes with 1009 on a 64 KiB frame", async () => {
      const ada = await connect(w, "ada@acme.test");
      ada.send(JSON.stringify({ type: "ping", pad: "x".repeat(64 * 1024) }));
      assert.equal((await ada.closed).code, 1009);
    });

    await t.step("closes with 1008 on an unknown message, bad JSON or binary data", async () => {
      for (const data of ['{"type":"subscribe","topic":"flags:*"}', "{oops", new Uint8Array(3)]) {
        const ada = await connect(w, "ada@acme.test");
        ada.send(data);
        assert.equal((await ada.closed).code, 1008);
      }
    });

    await t.step("answers ping with pong", async () => {
      const ada = await connect(w, "ada@acme.test");
      ada.send('{"type":"ping"}');
      await ada.waitFor((f) => f.type === "pong");
      await ada.close();
    });

    await t.step("replays the 10 writes made while a reader was away", async () => {
      const first = await connect(w, "ada@acme.test");
      await writeTask(w, "grace@acme.test", "acme");
      const seen = await first.event(acmeTopic);
      await first.close();
      for (let i = 0; i < 10; i++) await writeTask(w, "grace@acme.test", "acme");
      const missed = await s.server.db.query<{ seq: unknown; topic: string }>(
        "SELECT seq, topic FROM cache_events WHERE seq > $1 AND tenant_id = $2 ORDER BY seq",
        [seen.seq, w.tenants.acme],
      );
      assert.ok(missed.filter((e) => e.topic === acmeTopic).length >= 10);
      const again = await connect(w, "ada@acme.test", seen.seq);
      assert.equal(again.frames.at(-1)?.type, "ready");
      const replayed = new Set(again.frames.flatMap((f) => f.type === "event" ? [f.seq] : []));
      for (const event of missed) {
        assert.ok(replayed.has(Number(event.seq)), `seq ${event.seq} (${event.topic}) replayed`);
      }
      assert.ok(lastSeqOf(again) >= Number(missed.at(-1)!.seq));
      await again.close();
    });

    await t.step("closes a flooding socket without delaying another reader", async () => {
      const flood = await connect(w, "grace@acme.test");
      const calm = await connect(w, "ada@acme.test");
      const before = lastSeqOf(calm);
      for (let i = 0; i < 500 && flood.ws.readyState === WebSocket.OPEN; i++) {
        flood.send('{"type":"ping"}');
      }
      const started = performance.now();
      await writeTask(w, "ada@acme.test", "acme");
      await calm.event(acmeTopic, before);
      assert.ok(performance.now() - started < 1000, "the calm reader heard within a second");
      // The server closes with 1008 after the 21st frame; Deno then drops the connection as
      // the flood goes on, so the client sees an abnormal close. The pongs tell the limit.
      await flood.closed;
      assert.ok(flood.frames.filter((f) => f.type === "pong").length <= 20);
      await calm.close();
    });

    await t.step("refuses a session's 17th socket with 4029", async () => {
      const cookie = await signInCookie(s.url, "linus@acme.test");
      const lastSeq = await currentSeq(s.server.db);
      const open = [];
      for (let i = 0; i < 16; i++) open.push(await openSocket(s.url, { cookie, lastSeq }));
      assert.ok(open.every((socket) => socket.frames[0]?.type === "ready"), "16 are served");
      const extra = await openSocket(s.url, { cookie, lastSeq: null });
      const closed = await extra.closed;
      assert.equal(closed.code, 4029);
      assert.match(closed.reason, /At most 16 live connections per session/);
      await open[0].close();
      const again = await openSocket(s.url, { cookie, lastSeq });
      assert.equal(again.frames[0]?.type, "ready", "a freed place is taken again");
      for (const socket of [...open.slice(1), again]) await socket.close();
    });

    await t.step("closes a socket with 4001 when its session signs out", async () => {
      const cookie = await signInCookie(s.url, "ada@acme.test");
      const socket = await openSocket(s.url, { cookie, lastSeq: await currentSeq(s.server.db) });
      w.sockets.push(socket);
      const other = await connect(w, "ada@acme.test");
      const res = await postForm(s.url, "/logout", cookie, {});
      assert.equal(res.status, 303);
      const closed = await socket.closed;
      assert.equal(closed.code, 4001);
      assert.equal(other.ws.readyState, WebSocket.OPEN, "ada's other session stays");
      await other.close();
      const res2 = await fetch(`${s.url}/ws`, { headers: { origin: s.url, cookie } });
      assert.equal(res2.status, 401);
      await res2.body?.cancel();
    });

    await t.step("refuses with 403 when live_updates is off for the tenant", async () => {
      await s.server.db.query(
        `INSERT INTO feature_flags (key, tenant_id, enabled, rollout_percent)
         VALUES ('live_updates', $1, false, 100)`,
        [w.tenants.globex],
      );
      const headers = { origin: s.url, cookie: w.cookies["hank@globex.test"] };
      let status = 0;
      for (let i = 0; i < 100 && status !== 403; i++) {
        const res = await fetch(`${s.url}/ws`, { headers });
        status = res.status;
        await res.body?.cancel();
        if (status !== 403) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.equal(status, 403);
      const res = await fetch(`${s.url}/ws`, { headers });
      assert.match((await res.json()).error, /live_updates/);
    });

    await t.step("closes a member's socket with 4001 when the membership is removed", async () => {
      const grace = await connect(w, "grace@acme.test");
      await s.server.db.query("DELETE FROM memberships WHERE user_id = $1 AND tenant_id = $2", [
        w.users["grace@acme.test"],
        w.tenants.acme,
      ]);
      assert.equal((await grace.closed).code, 4001);
      const res = await fetch(`${s.url}/ws`, {
        headers: { origin: s.url, cookie: w.cookies["grace@acme.test"] },
      });
      assert.equal(res.status, 401);
      await res.body?.cancel();
    });

    await t.step("never sent anyone a session topic or another user's topic", () => {
      for (const socket of w.sockets) {
        const own = `user:${w.users[w.owners.get(socket) ?? "ada@acme.test"]}`;
        for (const topic of socket.topics()) {
          assert.ok(!topic.startsWith("session:"), topic);
          if (topic.startsWith("user:")) assert.equal(topic, own);
        }
      }
      assert.ok(w.sockets.length > 10);
    });
  } finally {
    await Promise.all(w.sockets.map((socket) => socket.close()));
    await s.close();
  }
});
