/**
 * Two instances on one database: each hub hears every write through its own bus, so a write
 * on one instance reaches the sockets of the other.
 */
import assert from "node:assert/strict";
import { loadConfig } from "../lib/config.ts";
import { startServer } from "../lib/server/server.ts";
import { startTestServer } from "./_browser.ts";
import { TEST_SESSION_SECRET } from "./_db.ts";
import {
  currentSeq,
  demoTasks,
  openSocket,
  postForm,
  signInCookie,
  type TestSocket,
} from "./_ws.ts";

Deno.test("a write on one instance reaches sockets on another, live and on replay", async () => {
  const a = await startTestServer();
  const b = await startServer(
    loadConfig({
      PORT: "0",
      DATABASE_URL: a.testDb.url!,
      SESSION_SECRET: TEST_SESSION_SECRET,
    }),
    {
      seed: false,
    },
  );
  const sockets: TestSocket[] = [];
  try {
    const { acme, globex } = await demoTasks(a.server.db);
    const topic = `project:${acme.project}`;
    const graceOnA = await signInCookie(a.url, "grace@acme.test");
    // The session lives in the shared database: a cookie from A works on B.
    const adaOnB = await signInCookie(a.url, "ada@acme.test");
    const hankOnB = await signInCookie(b.url, "hank@globex.test");
    const seq = await currentSeq(a.server.db);
    const ada = await openSocket(b.url, { cookie: adaOnB, lastSeq: seq });
    const hank = await openSocket(b.url, { cookie: hankOnB, lastSeq: seq });
    sockets.push(ada, hank);
    assert.equal(ada.frames.at(-1)?.type, "ready");

    const write = (status: string) =>
      postForm(a.url, `/projects/${acme.project}/tasks/${acme.task}`, graceOnA, { status });
    assert.equal((await write("doing")).status, 303);
    const live = await ada.event(topic);
    assert.ok(live.seq > seq);

    await ada.close();
    for (const status of ["done", "todo", "doing"]) assert.equal((await write(status)).status, 303);
    const written = await currentSeq(a.server.db);
    // B hears of A's writes by notification; wait until it has, then reconnect to B.
    let again: TestSocket | null = null;
    for (let i = 0; i < 100 && !again; i++) {
      const socket = await openSocket(b.url, { cookie: adaOnB, lastSeq: live.seq });
      sockets.push(socket);
      const frame = socket.frames.at(-1);
      if (frame?.type === "ready" && frame.lastSeq >= written) again = socket;
      else await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.ok(again, "instance B caught up with A's writes");
    const replayed = again.frames.flatMap((f) =>
      f.type === "event" && f.topic === topic ? [f] : []
    );
    assert.equal(replayed.length, 3);
    assert.ok(replayed.every((f) => f.seq > live.seq));

    // The other way round: a write on B reaches a socket on A; hank heard nothing of Acme.
    const adaOnA = await openSocket(a.url, {
      cookie: adaOnB,
      lastSeq: await currentSeq(a.server.db),
    });
    sockets.push(adaOnA);
    const graceOnB = await signInCookie(b.url, "grace@acme.test");
    const res = await postForm(b.url, `/projects/${acme.project}/tasks/${acme.task}`, graceOnB, {
      status: "done",
    });
    assert.equal(res.status, 303);
    await adaOnA.event(topic, written);
    const hankWrite = await postForm(
      b.url,
      `/projects/${globex.project}/tasks/${globex.task}`,
      hankOnB,
      { status: "done" },
    );
    assert.equal(hankWrite.status, 303);
    await hank.event(`project:${globex.project}`);
    assert.deepEqual(hank.topics().filter((t) => t.includes(acme.project)), []);
  } finally {
    await Promise.all(sockets.map((socket) => socket.close()));
    await b.close();
    await a.close();
  }
});
