import assert from "node:assert/strict";
import { linePath, niceMax, pathPoints } from "./chart.ts";

Deno.test("linePath() draws the newest sample at the right edge and breaks at gaps", () => {
  const d = linePath([5, null, 10], { width: 100, height: 10, max: 10, window: 5 });
  assert.equal(d, "M50 5M100 0");
  assert.equal(pathPoints(d), 2);
  assert.equal(linePath([], { width: 100, height: 10, max: 1, window: 5 }), "");
});

Deno.test("niceMax() rounds up to 1, 2 or 5 times a power of ten", () => {
  assert.equal(niceMax([0.3]), 1);
  assert.equal(niceMax([13]), 20);
  assert.equal(niceMax([420, null]), 500);
});
