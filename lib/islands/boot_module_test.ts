import assert from "node:assert/strict";
import { bootFileName, bootModuleSource, chunksOfBootFile } from "./boot_module.ts";

Deno.test("bootFileName() names one file per set of chunks, and chunksOfBootFile() reads it back", () => {
  const file = bootFileName(["TaskStatus", "Counter", "TaskStatus"]);
  assert.equal(file, "boot.Counter.TaskStatus.js");
  assert.deepEqual(chunksOfBootFile(file), ["Counter", "TaskStatus"]);
  for (
    const other of [
      "boot.TaskStatus.Counter.js",
      "boot.A.A.js",
      "boot..js",
      "boot.a/b.js",
      "client.js",
    ]
  ) {
    assert.equal(chunksOfBootFile(other), null, other);
  }
  assert.throws(() => bootFileName(["a.b"]), TypeError);
});

Deno.test("bootModuleSource() imports the runtime and each island, and boots them by name", () => {
  const component = () => null;
  const source = bootModuleSource([
    { name: "Label", chunk: "Widgets", exportName: "Label", component },
    { name: "Counter", chunk: "Counter", exportName: "default", component },
  ]);
  assert.equal(
    source,
    'import{boot}from"./client.js";import{default as i0}from"./Counter.js";' +
      'import{Label as i1}from"./Widgets.js";boot({"Counter":i0,"Label":i1});',
  );
});
