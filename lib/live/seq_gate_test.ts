import assert from "node:assert/strict";
import { type GateBus, SeqGate } from "./seq_gate.ts";

/** A bus the test moves by hand: `apply(seq)` raises the low-water mark and tells subscribers. */
function fakeBus(start: number) {
  const listeners = new Set<() => void>();
  const bus = {
    lowWater: start,
    catchUps: 0,
    onCatchUp: (): number | Error => bus.lowWater,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    apply(seq: number) {
      bus.lowWater = seq;
      for (const listener of listeners) listener();
    },
    catchUp() {
      bus.catchUps++;
      const next = bus.onCatchUp();
      if (next instanceof Error) return Promise.reject(next);
      bus.lowWater = next;
      return Promise.resolve();
    },
  };
  return bus;
}

function settled(promise: Promise<unknown>): () => boolean {
  let done = false;
  promise.then(() => done = true);
  return () => done;
}

Deno.test("reach() answers at once for what is applied, and waits for what is not", async () => {
  const bus = fakeBus(10);
  const gate = new SeqGate(bus as unknown as GateBus, { timeoutMs: 1000 });
  try {
    await gate.reach(10);
    await gate.reach(0);
    assert.equal(gate.counts.waits, 0);
    const waiting = gate.reach(12);
    const done = settled(waiting);
    bus.apply(11);
    await Promise.resolve();
    assert.equal(done(), false, "seq 12 is not applied yet");
    bus.apply(12);
    await waiting;
    assert.equal(bus.catchUps, 0, "the notification came: no query");
    assert.deepEqual(gate.counts, { waits: 1, catchUps: 0 });
  } finally {
    gate.close();
  }
});

Deno.test("reach() catches up from the database once for every request that waited too long", async () => {
  const bus = fakeBus(10);
  bus.onCatchUp = () => 20;
  const gate = new SeqGate(bus as unknown as GateBus, { timeoutMs: 20 });
  try {
    const started = Date.now();
    await Promise.all([gate.reach(15), gate.reach(18), gate.reach(20)]);
    assert.ok(Date.now() - started >= 15, "it waited for the notifications first");
    assert.equal(bus.catchUps, 1, "one query for the three");
    assert.deepEqual(gate.counts, { waits: 3, catchUps: 1 });
  } finally {
    gate.close();
  }
});

Deno.test("reach() lets the request through when the catch-up fails, and on close", async () => {
  const bus = fakeBus(10);
  bus.onCatchUp = () => new Error("Cannot reach the database");
  const gate = new SeqGate(bus as unknown as GateBus, { timeoutMs: 10 });
  await gate.reach(11);
  assert.equal(bus.catchUps, 1);
  const slow = new SeqGate(bus as unknown as GateBus, { timeoutMs: 60_000 });
  const waiting = slow.reach(50);
  slow.close();
  await waiting;
  gate.close();
});
