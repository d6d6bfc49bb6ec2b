import assert from "node:assert/strict";
import { Slots } from "./_slots.ts";

Deno.test("Slots hands out at most its size and passes a released slot to the next waiter", async () => {
  const slots = new Slots(2);
  const first = await slots.acquire();
  await slots.acquire();
  let third = false;
  const waiting = slots.acquire().then((release) => {
    third = true;
    return release;
  });
  await Promise.resolve();
  assert.equal(third, false);
  assert.deepEqual([slots.inUse, slots.waiting], [2, 1]);
  first();
  first(); // a second release frees nothing more
  (await waiting)();
  assert.equal(third, true);
  assert.deepEqual([slots.inUse, slots.waiting], [1, 0]);
});

Deno.test("Slots withdraws a waiter whose signal aborts, and refuses every waiter on demand", async () => {
  const slots = new Slots(1);
  await slots.acquire();
  const controller = new AbortController();
  const withdrawn = slots.acquire(controller.signal);
  controller.abort(new Error("Too late"));
  await assert.rejects(withdrawn, /Too late/);
  assert.equal(slots.waiting, 0);
  const refused = [slots.acquire(), slots.acquire()];
  slots.refuseWaiting(new Error("Down"));
  for (const each of refused) await assert.rejects(each, /Down/);
  assert.throws(() => new Slots(0), RangeError);
});
