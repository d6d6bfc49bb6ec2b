import assert from "node:assert/strict";
import { EventHistory } from "./_event_history.ts";
import type { InvalidationEvent } from "./event.ts";

const A = "00000000-0000-4000-8000-00000000000a";
const B = "00000000-0000-4000-8000-00000000000b";

function event(seq: number, tenant: string | null = A): InvalidationEvent {
  return { seq, tenant, topic: `t${seq}`, version: 1, at: 0 };
}

Deno.test("EventHistory.since() returns later events and late arrivals of lower numbers", () => {
  const history = new EventHistory(100, 0);
  for (const seq of [1, 2, 4, 5, 3]) history.add(event(seq));
  assert.deepEqual((history.since(4) as InvalidationEvent[]).map((e) => e.seq), [5, 3]);
  assert.deepEqual((history.since(5) as InvalidationEvent[]).map((e) => e.seq), [3]);
  assert.deepEqual((history.since(0) as InvalidationEvent[]).map((e) => e.seq), [1, 2, 4, 5, 3]);
});

Deno.test("EventHistory.since() keeps only the asked tenant's events", () => {
  const history = new EventHistory(100, 0);
  history.add(event(1, A));
  history.add(event(2, B));
  history.add(event(3, null));
  const forB = history.since(0, { tenant: B }) as InvalidationEvent[];
  assert.deepEqual(forB.map((e) => e.seq), [2]);
  const withGlobal = history.since(0, { filter: (e) => e.tenant === B || e.tenant === null });
  assert.deepEqual((withGlobal as InvalidationEvent[]).map((e) => e.seq), [2, 3]);
});

Deno.test("EventHistory.since() asks for a resync below what it still holds", () => {
  const history = new EventHistory(2, 10);
  assert.equal(history.since(9), "resync");
  for (const seq of [11, 12, 13]) history.add(event(seq));
  assert.equal(history.since(10), "resync", "11 was dropped");
  assert.deepEqual((history.since(11) as InvalidationEvent[]).map((e) => e.seq), [12, 13]);
});
