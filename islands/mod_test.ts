import assert from "node:assert/strict";
import { findIsland, islandEntries } from "../lib/islands/mod.ts";
import { islandModules } from "./mod.ts";

Deno.test("islands/mod.ts lists and registers every island file", () => {
  const files = Object.keys(islandEntries(new URL(".", import.meta.url).pathname));
  assert.deepEqual(Object.keys(islandModules).sort(), files);
  assert.equal(findIsland(islandModules.TaskStatus.TaskStatus)?.name, "TaskStatus");
  assert.equal(findIsland(islandModules.TaskStatus.TaskStatus)?.chunk, "TaskStatus");
});
