import assert from "node:assert/strict";
import { Histogram, quantile } from "./histogram.ts";

Deno.test("Histogram.observe() counts each value once, in the first bucket that holds it", () => {
  const h = new Histogram([0.1, 1]);
  for (const v of [0.05, 0.1, 0.5, 3]) h.observe(v);
  assert.deepEqual(Array.from(h.counts), [2, 1, 1]);
  assert.deepEqual(h.cumulative(), [2, 3, 4]);
  assert.equal(h.count, 4);
  assert.equal(h.sum, 3.65);
});

Deno.test("quantile() interpolates inside a bucket and is null without observations", () => {
  assert.equal(quantile([1, 2], [0, 10, 0], 0.5), 1.5);
  assert.equal(quantile([1, 2], [10, 0, 0], 0.99), 0.99);
  assert.equal(quantile([1, 2], [0, 0, 4], 0.99), 2);
  assert.equal(quantile([1, 2], [0, 0, 0], 0.99), null);
});
