import assert from "node:assert/strict";
import { mergePatchText } from "./merge_patch.ts";

Deno.test("mergePatchText() names only the top-level fields whose JSON changed", () => {
  const before = { project: { id: "p" }, phases: [{ id: "1", status: "todo" }], log: ["a"] };
  const after = { project: { id: "p" }, phases: [{ id: "1", status: "done" }], log: ["a"] };
  const patch = mergePatchText(before, after);
  assert.equal(patch, '{"phases":[{"id":"1","status":"done"}]}');
  assert.deepEqual({ ...before, ...JSON.parse(patch!) }, after, "merging it gives the new value");
  assert.equal(mergePatchText(before, after), patch, "remembered per pair");
  assert.equal(mergePatchText(before, structuredClone(before)), "{}");
  assert.equal(mergePatchText(before, { project: { id: "p" }, phases: [] }), null, "log removed");
  assert.equal(mergePatchText(before, null), null);
  assert.equal(mergePatchText([1], [2]), null);
  assert.equal(
    mergePatchText({ a: 1 }, { a: 1, b: 2 }),
    '{"b":2}',
    "a new field is part of the patch",
  );
});
