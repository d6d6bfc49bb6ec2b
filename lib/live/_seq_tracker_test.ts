import assert from "node:assert/strict";
import { SeqTracker } from "./_seq_tracker.ts";

Deno.test("SeqTracker holds the low-water mark below a gap until the gap fills", () => {
  const tracker = new SeqTracker(10, { now: () => 0 });
  assert.equal(tracker.observe(12), true);
  assert.equal(tracker.observe(13), true);
  assert.equal(tracker.lowWater, 10);
  assert.equal(tracker.highWater, 13);
  assert.equal(tracker.observe(11), true);
  assert.equal(tracker.lowWater, 13);
  assert.equal(tracker.pending, 0);
});

Deno.test("SeqTracker reports numbers seen or below the mark as not new", () => {
  const tracker = new SeqTracker(5);
  assert.equal(tracker.observe(5), false);
  assert.equal(tracker.observe(7), true);
  assert.equal(tracker.observe(7), false);
});

Deno.test("SeqTracker gives up on a gap older than the timeout", () => {
  let now = 0;
  const tracker = new SeqTracker(0, { gapTimeoutMs: 100, now: () => now });
  tracker.observe(1);
  tracker.observe(3);
  tracker.observe(6);
  assert.equal(tracker.lowWater, 1);
  now = 99;
  tracker.sweep();
  assert.equal(tracker.lowWater, 1);
  now = 100;
  tracker.sweep();
  assert.equal(tracker.lowWater, 3, "skips the gap at 2 only");
  now = 150;
  tracker.sweep();
  assert.equal(tracker.lowWater, 3, "the gap at 4-5 gets a full timeout of its own");
  now = 200;
  tracker.sweep();
  assert.equal(tracker.lowWater, 6);
});

Deno.test("SeqTracker.jumpTo() marks everything up to a reload as seen", () => {
  const tracker = new SeqTracker(0);
  tracker.observe(9);
  tracker.jumpTo(5);
  assert.equal(tracker.lowWater, 5);
  tracker.observe(6);
  tracker.observe(7);
  tracker.observe(8);
  assert.equal(tracker.lowWater, 9);
});
