import assert from "node:assert/strict";
import { Bursts } from "./bursts.ts";

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

Deno.test("Bursts gathers paths added within a quiet frame into one send", async () => {
  const sent: string[][] = [];
  let settled = 0;
  const bursts = new Bursts({
    coalesceMs: 10,
    send: (paths) => Promise.resolve(void sent.push(paths)),
    settled: () => settled++,
  });
  bursts.add(["/a"]);
  await delay(2);
  bursts.add(["/b", "/a"]);
  assert.ok(bursts.busy);
  await bursts.whenIdle();
  assert.deepEqual(sent, [["/a", "/b"]]);
  assert.equal(settled, 1);
  assert.ok(!bursts.busy);
  bursts.add([]);
  assert.ok(!bursts.busy, "nothing added schedules nothing");
});

Deno.test("Bursts sends a long burst after at most coalesceMaxMs", async () => {
  const sent: string[][] = [];
  const bursts = new Bursts({
    coalesceMs: 20,
    coalesceMaxMs: 40,
    send: (paths) => Promise.resolve(void sent.push(paths)),
  });
  const started = Date.now();
  for (let i = 0; i < 8; i++) {
    bursts.add([`/p${i}`]);
    await delay(10);
  }
  await bursts.whenIdle();
  assert.ok(sent.length >= 2, "the window closed while events kept coming");
  assert.ok(Date.now() - started < 1000);
  assert.deepEqual(sent.flat().sort(), [0, 1, 2, 3, 4, 5, 6, 7].map((i) => `/p${i}`).sort());
});

Deno.test("Bursts holds what arrives during a flight for one follow-up", async () => {
  const sent: string[][] = [];
  let release!: () => void;
  const first = new Promise<void>((resolve) => release = resolve);
  const bursts = new Bursts({
    coalesceMs: 1,
    send: async (paths) => {
      sent.push(paths);
      if (sent.length === 1) await first;
    },
  });
  bursts.add(["/a"]);
  await delay(10);
  bursts.add(["/b"]);
  bursts.add(["/c"]);
  await delay(10);
  assert.deepEqual(sent, [["/a"]], "nothing more while the first is in flight");
  release();
  await bursts.whenIdle();
  assert.deepEqual(sent, [["/a"], ["/b", "/c"]]);
});

Deno.test("Bursts sends a failed burst again after a back-off", async () => {
  const attempts: number[] = [];
  const bursts = new Bursts({
    coalesceMs: 1,
    send: (paths) => {
      attempts.push(Date.now());
      return attempts.length === 1
        ? Promise.reject(new Error("offline"))
        : Promise.resolve(void paths);
    },
  });
  bursts.add(["/a"]);
  await bursts.whenIdle();
  assert.equal(attempts.length, 2);
  assert.ok(attempts[1] - attempts[0] >= 450, "waited about 500 ms before the retry");
});
