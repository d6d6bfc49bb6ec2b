/**
 * Two instances under read and write load while their Redis is killed for 5 s and restarted
 * empty, then hung (SIGSTOP) for 5 s and let go: no request fails or waits a second, writes on
 * A still reach B and its sockets through PostgreSQL, `/healthz` says `degraded` meanwhile, and
 * both instances use Redis again by themselves.
 *
 * Figures are printed as `outage:` lines.
 */
import assert from "node:assert/strict";
import { OwnRedis } from "../lib/cache/_test_support.ts";
import { createRig, healthOf, type Instance, ms, type Rig, sleep } from "./_outage_rig.ts";
import { slowest, slowestLines, Traffic } from "./_outage_traffic.ts";
import { lostEvents, propagationToB } from "./_outage_watch.ts";
import { openSocket, type TestSocket } from "./_ws.ts";

const TARGET_MS = 1000;
const FAULT_MS = 5000;

/** Milliseconds from `since` until the instance's `/healthz` says Redis answers again. */
async function redisBack(instance: Instance, since: number, limitMs = 10_000): Promise<number> {
  while (performance.now() - since < limitMs) {
    const report = await healthOf(instance).catch(() => null);
    if (report?.redis.ok === true && report.redis.breaker === "closed") {
      return performance.now() - since;
    }
    await sleep(20);
  }
  throw new Error(`Instance ${instance.name} did not use Redis again within ${limitMs} ms`);
}

async function fault(rig: Rig, redis: OwnRedis, how: "killed" | "hung"): Promise<void> {
  const label = `Redis ${how} ${FAULT_MS / 1000} s`;
  const baseline = await rig.maxSeq();
  const sockets: TestSocket[] = [
    await openSocket(rig.b.url, { cookie: rig.cookies.ada, lastSeq: baseline }),
    await openSocket(rig.a.url, { cookie: rig.cookies.grace, lastSeq: baseline }),
  ];
  const traffic = new Traffic(rig, { label: `redis-${how}` });
  try {
    await sleep(2500);
    const faulted = performance.now();
    redis.signal(how === "killed" ? "SIGKILL" : "SIGSTOP");
    // Meanwhile, a write on A reaches B's API and sockets through PostgreSQL.
    const duringFault = await propagationToB(rig, traffic, sockets[0], faulted + 1000);
    await sleep(faulted + FAULT_MS - performance.now());
    if (how === "killed") {
      await redis.stop();
      await redis.start();
    } else {
      redis.signal("SIGCONT");
    }
    const back = performance.now();
    const [backA, backB] = await Promise.all([redisBack(rig.a, back), redisBack(rig.b, back)]);
    await sleep(2000);
    await traffic.stop();
    const lost = await Promise.all(
      sockets.map((s) =>
        lostEvents(rig, s, [`project:${rig.project}`, `project:${rig.quiet}`], baseline)
      ),
    );

    const all = traffic.requests;
    const during = all.filter((r) => r.start >= faulted && r.start < back);
    const failed = all.filter((r) => r.status === 0 || r.status >= 500);
    const degraded = traffic.health.filter((h) => h.start >= faulted + 500 && h.end < back);
    console.log(
      `outage: ${label}: ${all.length} requests (${during.length} during the fault); max ` +
        `latency during the fault ${ms(traffic.longestWait(during))}, over the whole run ${
          ms(traffic.longestWait(all))
        } (by the wall clock ${ms(slowest(all))}); 5xx ${failed.length}; A's write on B's API ${
          ms(duringFault.api)
        }, on B's socket ${ms(duringFault.socket)}; Redis used again A ${ms(backA)}, B ${
          ms(backB)
        } after it was back; ` +
        `lost events ${lost.map((l) => l.length).join("/")}`,
    );

    assert.equal(failed.length, 0, "no request fails while Redis is gone");
    assert.ok(
      traffic.longestWait(all) < TARGET_MS,
      `slowest requests: ${slowestLines(all, faulted)}`,
    );
    assert.ok(duringFault.api < TARGET_MS && duringFault.socket < TARGET_MS);
    assert.deepEqual(lost, [[], []], "no socket missed an event");
    assert.ok(degraded.length >= 2, "/healthz was asked during the fault");
    for (const h of degraded) {
      assert.equal(h.report?.httpStatus, 200);
      assert.equal(h.report?.status, "degraded");
      assert.equal(h.report?.redis.ok, false);
    }
  } finally {
    await traffic.stop();
    await Promise.all(sockets.map((s) => s.close()));
  }
}

Deno.test("two instances through Redis killed and restarted, then hung", async (t) => {
  const redis = new OwnRedis();
  await redis.start();
  const rig = await createRig({ redisUrl: redis.url });
  try {
    await t.step("killed for 5 s, restarted empty", () => fault(rig, redis, "killed"));
    await t.step("hung for 5 s", () => fault(rig, redis, "hung"));
  } finally {
    await rig.close();
    await redis.stop();
  }
});
