/**
 * Two instances under read and write load while their role may not log in for 30 s: the LISTEN
 * connections are cut and refused (so are the pool's new connections), writes made meanwhile by
 * the superuser reach both buses and every socket within a second of the role being allowed
 * again, and no request waits a second meanwhile.
 *
 * Figures are printed as `outage:` lines.
 */
import assert from "node:assert/strict";
import { APP_ROLE, createRig, ms, sleep } from "./_outage_rig.ts";
import { isWrite, slowest, slowestLines, Traffic } from "./_outage_traffic.ts";
import { busCaughtUp, lostEvents, topicSeq } from "./_outage_watch.ts";
import { openSocket, type TestSocket } from "./_ws.ts";

const TARGET_MS = 1000;
const REFUSED_MS = 30_000;
const OUTSIDE_WRITES = 6;

Deno.test("the LISTEN connections, refused for 30 s, catch up within 1 s of being allowed", async () => {
  const rig = await createRig();
  const baseline = await rig.maxSeq();
  const topics = [`project:${rig.project}`, `project:${rig.quiet}`];
  const sockets: TestSocket[] = [];
  let traffic: Traffic | undefined;
  try {
    sockets.push(
      await openSocket(rig.b.url, { cookie: rig.cookies.ada, lastSeq: baseline }),
      await openSocket(rig.a.url, { cookie: rig.cookies.grace, lastSeq: baseline }),
    );
    traffic = new Traffic(rig, { label: "nologin" });
    await sleep(2500);
    await rig.cluster.setLogin(APP_ROLE, false);
    const refused = performance.now();
    await rig.cluster.terminate("application_name = 'beacon-listener'");
    // Another service writes meanwhile, as the superuser: nothing tells the instances.
    const texts: string[] = [];
    for (let i = 1; i <= OUTSIDE_WRITES; i++) {
      const text = `written outside ${i}`;
      for (const project of [rig.project, rig.quiet]) {
        await rig.sql(`UPDATE projects SET description = '${text}' WHERE id = '${project}'`);
      }
      texts.push(text);
      await sleep(REFUSED_MS / OUTSIDE_WRITES);
    }
    const healthRefused = traffic.health.filter((h) =>
      h.start >= refused + TARGET_MS && h.end < performance.now()
    );
    await rig.cluster.setLogin(APP_ROLE, true);
    const allowed = performance.now();
    const seq = await rig.maxSeq();
    const topicSeqs = await Promise.all(topics.map((topic) => topicSeq(rig, topic)));
    const socketTimes = Promise.all(
      sockets.map(async (socket) => {
        for (const [i, topic] of topics.entries()) {
          await socket.event(topic, topicSeqs[i] - 1, 10_000);
        }
        return traffic!.waited({ start: allowed, end: performance.now() });
      }),
    );
    const [caughtUpA, caughtUpB] = await Promise.all([
      busCaughtUp(rig.a, seq, allowed, traffic.stalls),
      busCaughtUp(rig.b, seq, allowed, traffic.stalls),
    ]);
    let shownOnB = -1;
    while (shownOnB < 0 && performance.now() - allowed < 10_000) {
      const res = await fetch(`${rig.b.url}/api/projects/${rig.project}`, {
        headers: { cookie: rig.cookies.ada },
      });
      const body = res.status === 200 ? await res.json() : await res.body?.cancel();
      if (body?.project?.description === texts.at(-1)) {
        shownOnB = traffic.waited({ start: allowed, end: performance.now() });
      } else await sleep(10);
    }
    const [socketB, socketA] = await socketTimes;
    await sleep(3000);
    await traffic.stop();
    const lost = await Promise.all(sockets.map((s) => lostEvents(rig, s, topics, baseline)));

    const all = traffic.requests;
    const during = all.filter((r) => r.start >= refused && r.start < allowed);
    const reads = all.filter((r) => !isWrite(r));
    const failedWrites = all.filter((r) => isWrite(r) && r.status !== 303);
    console.log(
      `outage: role refused 30 s: ${all.length} requests (${during.length} while refused); ` +
        `max latency while refused ${ms(traffic.longestWait(during))}, over the whole run ${
          ms(traffic.longestWait(all))
        } (by the wall clock ${ms(slowest(all))}); ` +
        `reads 5xx ${reads.filter((r) => r.status >= 500 || r.status === 0).length}; ` +
        `writes refused ${failedWrites.length} of ${all.filter(isWrite).length}`,
    );
    console.log(
      `outage: role refused 30 s: after LOGIN: bus caught up A ${ms(caughtUpA)}, B ${
        ms(caughtUpB)
      }; sockets held every outside write B ${ms(socketB)}, A ${ms(socketA)}; ` +
        `B's API showed the last one ${ms(shownOnB)}; lost events ${
          lost.map((l) => l.length).join("/")
        } (sockets B/A)`,
    );

    assert.ok(healthRefused.length >= 2, "/healthz was asked while the role was refused");
    for (const h of healthRefused) {
      assert.notEqual(h.report?.bus.listener, "connected", "the LISTEN connection is down");
      assert.notEqual(h.report?.status, "ok");
    }
    assert.ok(caughtUpA < TARGET_MS && caughtUpB < TARGET_MS, "both buses caught up in time");
    assert.ok(socketA < TARGET_MS && socketB < TARGET_MS, "every socket heard in time");
    assert.ok(shownOnB >= 0 && shownOnB < TARGET_MS, "B's API shows the outside write in time");
    assert.deepEqual(lost, [[], []], "no socket missed an event");
    const failedReads = reads.filter((r) => r.status !== 200 && r.status !== 304);
    assert.equal(failedReads.length, 0, "cached reads are served while the role is refused");
    for (const r of failedWrites) {
      assert.equal(r.status, 503, `a write answered ${r.status}`);
      assert.ok(r.retryAfter, "a 503 says Retry-After");
      assert.ok(r.start < allowed + TARGET_MS, "writes succeed once the role may log in");
    }
    assert.ok(
      traffic.longestWait(all) < TARGET_MS,
      `slowest requests: ${slowestLines(all, refused)}`,
    );
  } finally {
    await traffic?.stop();
    await Promise.all(sockets.map((s) => s.close()));
    await rig.close();
  }
});
